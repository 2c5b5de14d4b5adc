package org.pestle.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Plain JDBC as the application's database role, for the tests of row-level security and grants: the data scope
 * is set by hand, as the application's transaction manager sets it (local settings of the transaction).
 */
public final class AppRole {

    private AppRole() {
    }

    /** A new connection as the app role to the test database. */
    public static Connection appRole() throws SQLException {
        return DriverManager.getConnection(TestDatabase.get().url(), TestDatabase.APP.username(),
                TestDatabase.APP.password());
    }

    /** Sets the transaction's scope: kind (system, pharmacy, clinics, patient), clinic ids, patient id. */
    public static void scope(Connection db, String kind, String clinicIds, String patientId) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("select set_config('pestle.scope', ?, true), "
                + "set_config('pestle.clinic_ids', ?, true), set_config('pestle.patient_id', ?, true)")) {
            s.setString(1, kind);
            s.setString(2, clinicIds);
            s.setString(3, patientId);
            s.execute();
        }
    }

    /** Sets the transaction's scope without a patient. */
    public static void scope(Connection db, String kind, String clinicIds) throws SQLException {
        scope(db, kind, clinicIds, "");
    }

    /** The single number a query answers, e.g. a count. */
    public static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The rows a statement changed. */
    public static int update(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            return s.executeUpdate(sql);
        }
    }
}
