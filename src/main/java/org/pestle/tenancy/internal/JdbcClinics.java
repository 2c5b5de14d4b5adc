package org.pestle.tenancy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.ApiProblem.FieldError;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.ClinicPayAutomation;
import org.pestle.tenancy.ClinicSettings;
import org.pestle.tenancy.ClinicSettingsChange;
import org.pestle.tenancy.ClinicSettingsChanged;
import org.pestle.tenancy.Clinics;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcClinics implements Clinics {

    private static final String CLINIC = """
            select id, organization_id, code, name, approved_compounds_only, patient_self_pay_enabled,
                   clinic_pay_automation, refill_reminder_lead_days, return_to_stock_days
            from clinic""";

    private static final int MAX_REASON = 1000;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;

    JdbcClinics(JdbcClient jdbc, ApplicationEventPublisher events, ObjectMapper json) {
        this.jdbc = jdbc;
        this.events = events;
        this.json = json;
    }

    @Override
    public Optional<Clinic> find(UUID clinicId) {
        return jdbc.sql(CLINIC + " where id = ?").param(clinicId).query(JdbcClinics::clinic).optional();
    }

    @Override
    public List<Clinic> all() {
        return jdbc.sql(CLINIC + " order by code").query(JdbcClinics::clinic).list();
    }

    @Override
    @Transactional
    public Clinic changeSettings(UUID clinicId, ClinicSettings settings, String changedBy, String reason) {
        List<FieldError> errors = new ArrayList<>();
        if (settings.clinicPayAutomation() == null) {
            errors.add(new FieldError("clinicPayAutomation", "is required"));
        }
        if (settings.refillReminderLeadDays() < 0 || settings.refillReminderLeadDays() > ClinicSettings.MAX_LEAD_DAYS) {
            errors.add(new FieldError("refillReminderLeadDays", "must be between 0 and " + ClinicSettings.MAX_LEAD_DAYS));
        }
        if (settings.returnToStockDays() < 1 || settings.returnToStockDays() > ClinicSettings.MAX_RETURN_TO_STOCK_DAYS) {
            errors.add(new FieldError("returnToStockDays", "must be between 1 and "
                    + ClinicSettings.MAX_RETURN_TO_STOCK_DAYS));
        }
        if (reason == null || reason.isBlank() || reason.strip().length() > MAX_REASON) {
            errors.add(new FieldError("reason", "is required (at most " + MAX_REASON + " characters)"));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-settings", "The settings are not valid",
                    "Invalid fields: " + String.join(", ", errors.stream().map(FieldError::field).toList()), errors);
        }
        Clinic clinic = jdbc.sql(CLINIC + " where id = ? for update").param(clinicId).query(JdbcClinics::clinic)
                .optional().orElseThrow(() -> ApiProblem.notFound("Clinic " + clinicId));
        ClinicSettings before = ClinicSettings.of(clinic);
        List<String> changed = changed(before, settings);
        if (changed.isEmpty()) {
            return clinic;
        }
        jdbc.sql("""
                update clinic set approved_compounds_only = ?, patient_self_pay_enabled = ?, clinic_pay_automation = ?,
                    refill_reminder_lead_days = ?, return_to_stock_days = ? where id = ?""")
                .params(settings.approvedCompoundsOnly(), settings.patientSelfPayEnabled(),
                        settings.clinicPayAutomation().name(), settings.refillReminderLeadDays(),
                        settings.returnToStockDays(), clinicId)
                .update();
        jdbc.sql("""
                insert into clinic_settings_change (organization_id, clinic_id, changed_by, reason, before_json, after_json)
                values (?, ?, ?, ?, ?, ?)""")
                .params(clinic.organizationId(), clinicId, changedBy, reason.strip(), write(before), write(settings))
                .update();
        events.publishEvent(new ClinicSettingsChanged(clinicId, clinic.organizationId(), changedBy, changed,
                Instant.now()));
        return find(clinicId).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public List<ClinicSettingsChange> settingsHistory(UUID clinicId) {
        return jdbc.sql("""
                select changed_by, reason, before_json, after_json, changed_at from clinic_settings_change
                where clinic_id = ? order by changed_at desc, id desc""")
                .param(clinicId)
                .query((rs, row) -> new ClinicSettingsChange(rs.getString("changed_by"), rs.getString("reason"),
                        read(rs.getString("before_json")), read(rs.getString("after_json")),
                        rs.getTimestamp("changed_at").toInstant()))
                .list();
    }

    private static List<String> changed(ClinicSettings before, ClinicSettings after) {
        List<String> changed = new ArrayList<>();
        if (before.approvedCompoundsOnly() != after.approvedCompoundsOnly()) {
            changed.add("approvedCompoundsOnly");
        }
        if (before.patientSelfPayEnabled() != after.patientSelfPayEnabled()) {
            changed.add("patientSelfPayEnabled");
        }
        if (before.clinicPayAutomation() != after.clinicPayAutomation()) {
            changed.add("clinicPayAutomation");
        }
        if (before.refillReminderLeadDays() != after.refillReminderLeadDays()) {
            changed.add("refillReminderLeadDays");
        }
        if (before.returnToStockDays() != after.returnToStockDays()) {
            changed.add("returnToStockDays");
        }
        return changed;
    }

    private String write(ClinicSettings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ClinicSettings read(String settings) {
        try {
            return json.readValue(settings, ClinicSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Clinic clinic(ResultSet rs, int row) throws SQLException {
        return new Clinic(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getString("code"), rs.getString("name"), rs.getBoolean("approved_compounds_only"),
                rs.getBoolean("patient_self_pay_enabled"),
                ClinicPayAutomation.valueOf(rs.getString("clinic_pay_automation")),
                rs.getInt("refill_reminder_lead_days"), rs.getInt("return_to_stock_days"));
    }
}
