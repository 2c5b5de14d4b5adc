package org.pestle.tenancy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.ClinicPayAutomation;
import org.pestle.tenancy.Clinics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcClinics implements Clinics {

    private static final String CLINIC = """
            select id, organization_id, code, name, approved_compounds_only, patient_self_pay_enabled,
                   clinic_pay_automation, refill_reminder_lead_days
            from clinic""";

    private final JdbcClient jdbc;

    JdbcClinics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Clinic> find(UUID clinicId) {
        return jdbc.sql(CLINIC + " where id = ?").param(clinicId).query(JdbcClinics::clinic).optional();
    }

    @Override
    public List<Clinic> all() {
        return jdbc.sql(CLINIC + " order by code").query(JdbcClinics::clinic).list();
    }

    private static Clinic clinic(ResultSet rs, int row) throws SQLException {
        return new Clinic(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getString("code"), rs.getString("name"), rs.getBoolean("approved_compounds_only"),
                rs.getBoolean("patient_self_pay_enabled"),
                ClinicPayAutomation.valueOf(rs.getString("clinic_pay_automation")),
                rs.getInt("refill_reminder_lead_days"));
    }
}
