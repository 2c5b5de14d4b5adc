package org.pestle.patients.internal;

import java.util.Optional;
import java.util.UUID;

import org.pestle.patients.PatientSummary;
import org.pestle.patients.Patients;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
@Transactional(readOnly = true)
class JdbcPatients implements Patients {

    private final JdbcClient jdbc;

    JdbcPatients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isPatientOfClinic(UUID patientId, UUID clinicId) {
        return jdbc.sql("select count(*) from patient where id = ? and clinic_id = ?")
                .params(patientId, clinicId).query(Integer.class).single() > 0;
    }

    @Override
    public Optional<PatientSummary> summary(UUID patientId) {
        return jdbc.sql("select id, clinic_id, first_name, last_name, date_of_birth from patient where id = ?")
                .param(patientId)
                .query((rs, row) -> new PatientSummary(rs.getObject("id", UUID.class),
                        rs.getObject("clinic_id", UUID.class),
                        rs.getString("first_name") + " " + rs.getString("last_name"),
                        rs.getObject("date_of_birth", java.time.LocalDate.class)))
                .optional();
    }

    @Override
    public Optional<String> smsNumber(UUID patientId) {
        return jdbc.sql("select phone from patient where id = ? and phone is not null").param(patientId)
                .query(String.class).optional();
    }
}
