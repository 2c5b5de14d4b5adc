package org.pestle.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.pestle.support.TestDatabase;

/** The schema owner in plain SQL, as someone tampering with the audit trail would act. */
public final class AuditOwner {

    private AuditOwner() {
    }

    /** A connection as the owner, in the system scope (the policies are forced, so they bind the owner too). */
    public static Connection connect() throws SQLException {
        Connection db = DriverManager.getConnection(TestDatabase.get().url(), TestDatabase.OWNER.username(),
                TestDatabase.OWNER.password());
        try (Statement sql = db.createStatement()) {
            sql.execute("select set_config('pestle.scope', 'system', false)");
        }
        return db;
    }

    /** One statement as the owner's declared maintenance (the only way past the trigger), committed. */
    public static void maintenance(Statement sql, String statement) throws SQLException {
        sql.execute("begin");
        sql.execute("set local pestle.audit_maintenance = 'on'");
        sql.execute(statement);
        sql.execute("commit");
    }
}
