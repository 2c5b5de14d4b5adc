package org.pestle.patients.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.pestle.patients.internal.PatientRecord.Address;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo patients (synthetic people) of the embedded default, as a repeatable Flyway migration
 * that runs after {@code R__demo_data.sql} (clinics first) and inserts them encrypted, so that no
 * plaintext name, birth date or phone is ever in the database. Idempotent: existing ids are left
 * alone. Not loaded without {@code pestle.demo-data} (the postgres profile).
 */
@Component
@ConditionalOnProperty(name = "pestle.demo-data", havingValue = "true")
class DemoPatients implements JavaMigration {

    static final UUID HARBOR = UUID.fromString("00000000-0000-4000-8000-000000000002");
    static final UUID SUMMIT_PARTNERS = UUID.fromString("00000000-0000-4000-8000-000000000003");
    static final UUID NORTHSIDE = UUID.fromString("00000000-0000-4000-8000-0000000000c1");
    static final UUID LAKESIDE = UUID.fromString("00000000-0000-4000-8000-0000000000c2");
    static final UUID SUMMIT = UUID.fromString("00000000-0000-4000-8000-0000000000c3");

    static final List<PatientRecord> PATIENTS = List.of(
            demo("00000000-0000-4000-8000-0000000000e1", HARBOR, NORTHSIDE, "Marcus", "Wilson", "1968-04-12",
                    "+15555550101", new Address("12 Harbor Lane", null, "Springfield", "IL", "62701", "US"),
                    List.of("penicillin"), "Prefers morning calls."),
            demo("00000000-0000-4000-8000-0000000000e2", HARBOR, NORTHSIDE, "Priya", "Raman", "1985-09-30",
                    "+15555550102", null, List.of(), null),
            demo("00000000-0000-4000-8000-0000000000e3", HARBOR, LAKESIDE, "Tomás", "Herrera", "1992-01-05",
                    "+15555550103", null, List.of("latex", "sulfa drugs"), null),
            demo("00000000-0000-4000-8000-0000000000e4", SUMMIT_PARTNERS, SUMMIT, "Ingrid", "Solberg", "1959-11-21",
                    "+15555550104", new Address("4 Summit Road", "Apt 2", "Boulder", "CO", "80302", "US"), null,
                    null));

    private final PatientKeys keys;

    DemoPatients(PatientKeys keys) {
        this.keys = keys;
    }

    private static PatientRecord demo(String id, UUID organization, UUID clinic, String first, String last,
            String dateOfBirth, String phone, Address address, List<String> allergies, String notes) {
        return new PatientRecord(UUID.fromString(id), organization, clinic, first, last, LocalDate.parse(dateOfBirth),
                phone, address, allergies, notes, null, null, 0);
    }

    @Override
    public MigrationVersion getVersion() {
        return null;
    }

    @Override
    public String getDescription() {
        return "demo patients";
    }

    /** Changes when the demo patients change, so that Flyway runs this again. */
    @Override
    public Integer getChecksum() {
        int checksum = 1;
        for (PatientRecord p : PATIENTS) {
            checksum = 31 * checksum + java.util.Objects.hash(p.id(), p.organizationId(), p.clinicId(), p.firstName(),
                    p.lastName(), p.dateOfBirth(), p.phone(), p.address(), p.allergies(), p.clinicalNotes());
        }
        return checksum;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        PatientRows rows = PatientRows.over(context.getConnection(), keys);
        rows.enterSystemScope("system:demo-data");
        List<PatientRecord> missing = PATIENTS.stream().filter(p -> rows.find(p.id()).isEmpty()).toList();
        rows.insertAll(rows.keysForWriting(), missing, "system:demo-data");
    }
}
