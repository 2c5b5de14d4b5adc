package org.pestle.pdmp.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.pdmp.PdmpFileDownloaded;
import org.pestle.pdmp.internal.PdmpRecords.PdmpRecord;
import org.pestle.pdmp.internal.PdmpRecords.Submission;
import org.pestle.platform.ApiProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.transaction.annotation.Transactional;

/**
 * The PDMP API for pharmacy staff: {@code GET /api/pdmp/submissions} (each file with its state, identifiers and
 * counts only), {@code GET /api/pdmp/submissions/{id}/file} (the file itself, pharmacy admins only, every download
 * audited), {@code GET /api/pdmp/records} (the pending, blocked, sent and failing records, with their deadline),
 * {@code POST /api/pdmp/submissions/{id}/errors} (an error report the state sent by e-mail, entered by a pharmacist)
 * {@code POST /api/pdmp/dispenses/{id}/void} (a reported fill returned to stock or cancelled) and
 * {@code POST /api/pdmp/runs} (a run now, for a missed day).
 */
@RestController
class PdmpController {

    private final PdmpRecords records;
    private final DailyReports reports;
    private final StateAnswers answers;
    private final Corrections corrections;
    private final Permissions permissions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ReportingRuns runs;
    private final PdmpSettings settings;

    PdmpController(PdmpRecords records, DailyReports reports, StateAnswers answers, Corrections corrections,
            Permissions permissions, ApplicationEventPublisher events, Clock clock, ReportingRuns runs,
            PdmpSettings settings) {
        this.runs = runs;
        this.settings = settings;
        this.records = records;
        this.reports = reports;
        this.answers = answers;
        this.corrections = corrections;
        this.permissions = permissions;
        this.events = events;
        this.clock = clock;
    }

    record SubmissionView(UUID id, String state, LocalDate reportingDay, String kind, String controlNumber,
            String fileName, String sha256, int records, String status, String answer, Instant createdAt,
            Instant uploadedAt, Instant answeredAt) {
        static SubmissionView of(Submission s) {
            return new SubmissionView(s.id(), s.state(), s.reportingDay(), s.kind(), s.controlNumber(), s.fileName(),
                    s.sha256(), s.recordCount(), s.status(), s.answer(), s.createdAt(), s.uploadedAt(), s.answeredAt());
        }
    }

    record RecordView(UUID id, UUID dispenseId, UUID clinicId, String kind, String status, String rxNumber,
            UUID submissionId, String missingField, String errorText, Instant handedOverAt, Instant dueAt,
            boolean overdue) {
    }

    record RunRequest(LocalDate reportingDay) {
    }

    record ErrorReport(@NotBlank @Size(max = 20000) String report) {
    }

    @GetMapping("/api/pdmp/submissions")
    @Transactional(readOnly = true)
    List<SubmissionView> submissions() {
        permissions.require(CurrentActor.require(), Action.VIEW_PDMP);
        return records.submissions(200).stream().map(SubmissionView::of).toList();
    }

    @GetMapping("/api/pdmp/submissions/{id}")
    @Transactional(readOnly = true)
    SubmissionView submission(@PathVariable UUID id) {
        permissions.require(CurrentActor.require(), Action.VIEW_PDMP);
        return SubmissionView.of(found(id));
    }

    @GetMapping("/api/pdmp/submissions/{id}/file")
    @Transactional
    ResponseEntity<byte[]> file(@PathVariable UUID id) {
        Actor actor = CurrentActor.require();
        permissions.require(actor, Action.DOWNLOAD_PDMP_FILE);
        Submission s = found(id);
        byte[] text = reports.text(s).getBytes(StandardCharsets.US_ASCII);
        events.publishEvent(new PdmpFileDownloaded(s.id(), s.controlNumber(), actor.username(), s.recordCount()));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(s.fileName()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(new MediaType("text", "plain", StandardCharsets.US_ASCII))
                .body(text);
    }

    @GetMapping("/api/pdmp/records")
    @Transactional(readOnly = true)
    List<RecordView> openRecords() {
        permissions.require(CurrentActor.require(), Action.VIEW_PDMP);
        Instant now = clock.instant();
        return records.open().stream().map(r -> view(r, now)).toList();
    }

    /**
     * Runs the reporting process now for a day (default: yesterday, as the daily timer does): a missed day after
     * an outage, or the walk-through. A day that has its file already is refused (409): one file per day.
     */
    @PostMapping("/api/pdmp/runs")
    @Transactional
    ResponseEntity<Map<String, Object>> run(@RequestBody(required = false) RunRequest body) {
        permissions.require(CurrentActor.require(), Action.CORRECT_PDMP);
        LocalDate yesterday = reports.reportingDay();
        LocalDate day = body == null || body.reportingDay() == null ? yesterday : body.reportingDay();
        if (day.isAfter(yesterday) || day.isBefore(yesterday.minusDays(31))) {
            throw ApiProblem.invalidField("reportingDay", "must be a day of the last month before today");
        }
        records.submissionOf(settings.state(), day).ifPresent(existing -> {
            throw ApiProblem.conflict("pdmp-day-reported", "The " + day + " file is " + existing.controlNumber()
                    + " (submission " + existing.id() + ")");
        });
        String instance = runs.start(day);
        return ResponseEntity.accepted().body(Map.of("reportingDay", day.toString(), "processInstanceId", instance));
    }

    @PostMapping("/api/pdmp/submissions/{id}/errors")
    @Transactional
    Map<String, Object> errors(@PathVariable UUID id, @Valid @RequestBody ErrorReport body) {
        permissions.require(CurrentActor.require(), Action.CORRECT_PDMP);
        Submission s = found(id);
        if (!"UPLOADED".equals(s.status())) {
            throw ApiProblem.conflict("pdmp-answered", "Submission " + s.controlNumber() + " is " + s.status()
                    + ": its answer is recorded already");
        }
        StateAnswers.Answer answer = answers.apply(s, body.report());
        return Map.of("status", answer.status(), "failedRecords", answer.failedRecordIds());
    }

    @PostMapping("/api/pdmp/dispenses/{dispenseId}/void")
    @Transactional
    Map<String, Object> voidDispense(@PathVariable UUID dispenseId) {
        permissions.require(CurrentActor.require(), Action.CORRECT_PDMP);
        try {
            UUID voidRecord = corrections.voidDispense(dispenseId);
            return voidRecord == null ? Map.of("voided", false, "reason", "never sent: withdrawn")
                    : Map.of("voided", true, "recordId", voidRecord);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("Dispense", dispenseId.toString());
        }
    }

    private Submission found(UUID id) {
        return records.submission(id).orElseThrow(() -> ApiProblem.notFound("PDMP submission", id.toString()));
    }

    private static RecordView view(PdmpRecord r, Instant now) {
        return new RecordView(r.id(), r.dispenseId(), r.clinicId(), r.kind().name(), r.status().name(), r.rxNumber(),
                r.submissionId(), r.missingField(), r.errorText(), r.handedOverAt(), r.dueAt(),
                r.dueAt().isBefore(now) && r.status() != PdmpRecords.Status.SUBMITTED);
    }
}
