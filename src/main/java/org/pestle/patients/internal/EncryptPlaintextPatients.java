package org.pestle.patients.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Flyway V21: encrypts the patients written before field encryption (plaintext name, date of birth
 * and phone from V2) with the patient keys; V22 then drops the plaintext columns. A Spring bean, so
 * that it gets the keys, which live outside the database.
 */
@Component
class EncryptPlaintextPatients implements JavaMigration {

    private final PatientKeys keys;

    EncryptPlaintextPatients(PatientKeys keys) {
        this.keys = keys;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("21");
    }

    @Override
    public String getDescription() {
        return "encrypt plaintext patient fields";
    }

    @Override
    public Integer getChecksum() {
        return 21;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
        PatientRows rows = PatientRows.over(context.getConnection(), keys);
        rows.enterSystemScope("system:migration");
        List<PatientRecord> plaintext = jdbc.sql("""
                select id, organization_id, clinic_id, first_name, last_name, date_of_birth, phone
                from patient where first_name_ct is null order by id""")
                .query((rs, n) -> new PatientRecord(rs.getObject("id", UUID.class),
                        rs.getObject("organization_id", UUID.class), rs.getObject("clinic_id", UUID.class),
                        rs.getString("first_name"), rs.getString("last_name"),
                        rs.getObject("date_of_birth", LocalDate.class), rs.getString("phone"), null, null, null,
                        null, null, 0))
                .list();
        PatientKeys.Snapshot snapshot = rows.keysForWriting();
        plaintext.forEach(patient -> rows.update(snapshot, patient));
    }
}
