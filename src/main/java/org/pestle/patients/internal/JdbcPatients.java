package org.pestle.patients.internal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.DataElement;
import org.pestle.patients.PatientSummary;
import org.pestle.patients.PatientViewed;
import org.pestle.patients.Patients;
import org.pestle.patients.internal.PatientCodec.Stored;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules may ask; the fields they get are decrypted here and the disclosure published. */
@Service
class JdbcPatients implements Patients {

    private final JdbcClient jdbc;
    private final PatientRows rows;
    private final ApplicationEventPublisher events;

    JdbcPatients(JdbcClient jdbc, PatientRows rows, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.events = events;
    }

    @Override
    @Transactional
    public boolean isPatientOfClinic(UUID patientId, UUID clinicId) {
        return jdbc.sql("select count(*) from patient where id = ? and clinic_id = ?")
                .params(patientId, clinicId).query(Integer.class).single() > 0;
    }

    @Override
    @Transactional
    public Optional<PatientSummary> summary(UUID patientId) {
        Set<PatientField> fields = EnumSet.of(PatientField.FIRST_NAME, PatientField.LAST_NAME,
                PatientField.DATE_OF_BIRTH);
        return rows.find(patientId).map(row -> {
            PatientRecord p = PatientCodec.open(rows.keysForReading(), row, fields);
            published(row, EnumSet.of(DataElement.PATIENT_NAME, DataElement.PATIENT_DATE_OF_BIRTH));
            return new PatientSummary(p.id(), p.clinicId(), p.firstName() + " " + p.lastName(), p.dateOfBirth());
        });
    }

    @Override
    @Transactional
    public Optional<org.pestle.patients.ReportedPatient> forStateReport(UUID patientId) {
        Set<PatientField> fields = EnumSet.of(PatientField.FIRST_NAME, PatientField.LAST_NAME,
                PatientField.DATE_OF_BIRTH, PatientField.ADDRESS, PatientField.PHONE);
        return rows.find(patientId).map(row -> {
            PatientRecord p = PatientCodec.open(rows.keysForReading(), row, fields);
            published(row, EnumSet.of(DataElement.PATIENT_NAME, DataElement.PATIENT_DATE_OF_BIRTH,
                    DataElement.PATIENT_ADDRESS, DataElement.PATIENT_PHONE));
            PatientRecord.Address a = p.address();
            return new org.pestle.patients.ReportedPatient(p.id(), p.firstName(), p.lastName(), p.dateOfBirth(),
                    a == null ? null : a.line1(), a == null ? null : a.line2(), a == null ? null : a.city(),
                    a == null ? null : a.region(), a == null ? null : a.postalCode(), a == null ? null : a.country(),
                    p.phone());
        });
    }

    @Override
    @Transactional
    public Map<UUID, String> shortNames(Collection<UUID> patientIds) {
        Map<UUID, String> names = new LinkedHashMap<>();
        for (UUID patientId : new LinkedHashSet<>(patientIds)) {
            rows.find(patientId).ifPresent(row -> {
                PatientRecord p = PatientCodec.open(rows.keysForReading(), row,
                        EnumSet.of(PatientField.FIRST_NAME, PatientField.LAST_NAME));
                published(row, EnumSet.of(DataElement.PATIENT_NAME));
                String initial = p.firstName().isEmpty() ? "" : p.firstName().codePoints().limit(1)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + ". ";
                names.put(patientId, initial + p.lastName());
            });
        }
        return names;
    }

    @Override
    @Transactional
    public Optional<String> smsNumber(UUID patientId) {
        return rows.find(patientId).flatMap(row -> {
            String phone = PatientCodec.open(rows.keysForReading(), row, EnumSet.of(PatientField.PHONE)).phone();
            if (phone != null) {
                published(row, EnumSet.of(DataElement.PATIENT_PHONE));
            }
            return Optional.ofNullable(phone);
        });
    }

    private void published(Stored row, Set<DataElement> elements) {
        String actor = CurrentActor.find().map(Actor::username).orElse("system");
        events.publishEvent(new PatientViewed(actor, row.id(), row.clinicId(), elements));
    }
}
