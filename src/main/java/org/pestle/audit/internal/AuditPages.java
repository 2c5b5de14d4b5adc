package org.pestle.audit.internal;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.identity.Role;
import org.pestle.tenancy.Clinics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit trail in the console: search with filters and keyset pages, CSV export, the per-patient
 * report and chain verification. For users whose roles may view the audit trail ({@link Action#VIEW_AUDIT}).
 * Times are entered and shown in the pharmacy's time zone.
 */
@Controller
class AuditPages {

    /** Actions the trail records, offered as suggestions in the search form (any other text may be typed). */
    static final List<String> KNOWN_ACTIONS = List.of("access.denied", "account.locked", "audit.exported",
            "audit.patient-report-viewed", "audit.pruned", "audit.verified", "camunda.operation",
            "clinic-settings.changed", "decision.evaluated", "decision.published", "decision.rolled-back",
            "deployment.created", "elevated-access.granted", "elevated-access.used", "incident.create",
            "incident.resolve", "login.failed", "login.succeeded", "logout", "mfa.enrolled", "mfa.failed",
            "mfa.succeeded", "order.approved", "order.first-verified", "final-check.first-of-two-passed",
            "order.cancelled", "order.created", "order.paid", "order.rejected",
            "order.viewed", "patient-keys.rotated", "patient.changed", "patient.created", "patient.exported",
            "patient.viewed", "patients.exported", "payment.captured", "payment.failed", "payment.invoiced",
            "payment.refunded", "pdmp.disclosed", "pdmp.file-downloaded", "pdmp.submitted", "permissions.changed", "process.ended", "process.started", "session.ended",
            "session.expired", "task.completed", "task.created", "task.deleted", "task.updated",
            "user.access-changed");

    private static final String PATIENT_ID_HINT = "A patient id looks like 0f8c5a52-7a1e-4f7e-9a57-3c1c2b1e0d11.";

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.US);

    private final AuditSearch search;
    private final AuditExport export;
    private final PatientAccessReport report;
    private final ChainVerifications verifications;
    private final Permissions permissions;
    private final Clinics clinics;
    private final ZoneId zone;

    AuditPages(AuditSearch search, AuditExport export, PatientAccessReport report, ChainVerifications verifications,
            Permissions permissions, Clinics clinics, @Value("${pestle.time-zone:America/New_York}") ZoneId zone) {
        this.search = search;
        this.export = export;
        this.report = report;
        this.verifications = verifications;
        this.permissions = permissions;
        this.clinics = clinics;
        this.zone = zone;
    }

    /**
     * The search form's fields as typed; times are local to the pharmacy ({@code datetime-local}).
     * Blank means any.
     */
    record Form(String actor, String role, String action, String entityType, String entityId, String patientId,
            String clinicId, String outcome, String from, String to, String before) {

        /** The query string of this search (without {@code before}), for links to its pages and its export. */
        String query() {
            UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
            add(uri, "actor", actor);
            add(uri, "role", role);
            add(uri, "action", action);
            add(uri, "entityType", entityType);
            add(uri, "entityId", entityId);
            add(uri, "patientId", patientId);
            add(uri, "clinicId", clinicId);
            add(uri, "outcome", outcome);
            add(uri, "from", from);
            add(uri, "to", to);
            String query = uri.encode().build().getQuery();
            return query == null ? "" : query;
        }

        private static void add(UriComponentsBuilder uri, String name, String value) {
            if (value != null && !value.isBlank()) {
                uri.queryParam(name, value.trim());
            }
        }
    }

    /** A form field that could not be read, and why. */
    record FieldError(String field, String message) {
    }

    @GetMapping("/console/audit")
    String searchPage(Form form, Model model, HttpServletResponse response) {
        Actor admin = CurrentActor.require();
        if (!permissions.canDo(admin, Action.VIEW_AUDIT)) {
            return forbidden(model, response);
        }
        model.addAttribute("form", form);
        model.addAttribute("canExport", permissions.canDo(admin, Action.EXPORT));
        List<FieldError> errors = new ArrayList<>();
        AuditSearch.Filter filter = filter(form, page(form.before(), errors), 50, errors);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", errors);
            return page("audit/search", admin, model);
        }
        AuditSearch.Page page = search.search(filter);
        model.addAttribute("records", page.records().stream().map(this::shown).toList());
        model.addAttribute("next", page.next());
        model.addAttribute("query", form.query());
        return page("audit/search", admin, model);
    }

    @GetMapping("/console/audit/export")
    Object exportCsv(Form form, Model model, HttpServletResponse response) throws IOException {
        Actor admin = CurrentActor.require();
        if (!permissions.canDo(admin, Action.VIEW_AUDIT) || !permissions.canDo(admin, Action.EXPORT)) {
            return forbidden(model, response);
        }
        List<FieldError> errors = new ArrayList<>();
        AuditSearch.Filter filter = filter(form, null, AuditSearch.MAX_PAGE, errors);
        if (!errors.isEmpty()) {
            return searchPage(form, model, response);
        }
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"")
                .contentType(MediaType.parseMediaType("text/csv")).body(export.csv(admin, filter));
    }

    @GetMapping("/console/audit/patients")
    String patientReport(String patientId, Model model, HttpServletResponse response) {
        Actor admin = CurrentActor.require();
        if (!permissions.canDo(admin, Action.VIEW_AUDIT)) {
            return forbidden(model, response);
        }
        model.addAttribute("patientId", patientId);
        if (patientId != null && !patientId.isBlank()) {
            UUID patient = uuid(patientId);
            if (patient == null) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                model.addAttribute("errors", List.of(new FieldError("patientId", PATIENT_ID_HINT)));
            } else {
                model.addAttribute("report", report.of(admin, patient).stream()
                        .map(line -> new ShownAccess(line, local(line.first()), local(line.last()))).toList());
            }
        }
        return page("audit/patient", admin, model);
    }

    /** Starts a verification in the background (one at a time) and shows it: done, or still walking. */
    @PostMapping("/console/audit/verify")
    String verify(Model model, HttpServletResponse response) {
        Actor admin = CurrentActor.require();
        if (!permissions.canDo(admin, Action.VIEW_AUDIT)) {
            return forbidden(model, response);
        }
        verifications.start(admin.username(), Duration.ofSeconds(2));
        return "redirect:/console/audit/verify";
    }

    @GetMapping("/console/audit/verify")
    String verification(Model model, HttpServletResponse response) {
        Actor admin = CurrentActor.require();
        if (!permissions.canDo(admin, Action.VIEW_AUDIT)) {
            return forbidden(model, response);
        }
        verifications.latest().ifPresent(run -> {
            model.addAttribute("run", run);
            model.addAttribute("startedAt", local(run.startedAt()));
            model.addAttribute("finishedAt", run.finishedAt() == null ? null : local(run.finishedAt()));
        });
        return page("audit/verify", admin, model);
    }

    /** A record as the page shows it: its time in the pharmacy's zone. */
    record Shown(AuditSearch.Found record, String time) {
    }

    /** A line of the patient report with its times in the pharmacy's zone. */
    record ShownAccess(AuditSearch.PatientAccess access, String first, String last) {
    }

    private Shown shown(AuditSearch.Found found) {
        return new Shown(found, local(found.recordedAt()));
    }

    private String local(Instant instant) {
        return SHOWN.format(instant.atZone(zone));
    }

    private String page(String template, Actor admin, Model model) {
        model.addAttribute("actor", admin);
        model.addAttribute("roles", Role.values());
        model.addAttribute("clinics", clinics.all());
        model.addAttribute("knownActions", KNOWN_ACTIONS);
        model.addAttribute("zone", zone.getId());
        return template;
    }

    private AuditSearch.Filter filter(Form form, Long before, int limit, List<FieldError> errors) {
        UUID patient = blank(form.patientId()) ? null : uuid(form.patientId());
        if (!blank(form.patientId()) && patient == null) {
            errors.add(new FieldError("patientId", PATIENT_ID_HINT));
        }
        UUID clinic = blank(form.clinicId()) ? null : uuid(form.clinicId());
        if (!blank(form.clinicId()) && clinic == null) {
            errors.add(new FieldError("clinicId", "Choose a clinic from the list."));
        }
        if (!blank(form.role()) && java.util.Arrays.stream(Role.values()).noneMatch(r -> r.name().equals(form.role()))) {
            errors.add(new FieldError("role", "Choose a role from the list."));
        }
        if (!blank(form.outcome()) && !List.of("success", "denied", "failed").contains(form.outcome())) {
            errors.add(new FieldError("outcome", "The outcome is success, denied or failed."));
        }
        Instant from = time(form.from(), "from", errors);
        Instant to = time(form.to(), "to", errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("to", "The end of the time range comes after its start."));
        }
        return new AuditSearch.Filter(trim(form.actor()), trim(form.role()), trim(form.action()),
                trim(form.entityType()), trim(form.entityId()), patient, clinic, trim(form.outcome()), from, to,
                before, limit);
    }

    /** The page to show: records before this sequence number (the "Older records" link), or the newest. */
    private static Long page(String before, List<FieldError> errors) {
        if (blank(before)) {
            return null;
        }
        try {
            return Long.valueOf(before.trim());
        } catch (NumberFormatException e) {
            errors.add(new FieldError("before", "A page is a record number; follow the \"Older records\" link."));
            return null;
        }
    }

    private Instant time(String text, String field, List<FieldError> errors) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim()).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "A time looks like 2026-11-22T14:30 (" + zone.getId() + ")."));
            return null;
        }
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String trim(String text) {
        return blank(text) ? null : text.trim();
    }

    private static String forbidden(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("status", HttpStatus.FORBIDDEN.value());
        return "error";
    }
}
