package org.pestle.pdmp.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.pestle.pdmp.PdmpFileSent;
import org.pestle.pdmp.internal.PdmpRecords.PdmpRecord;
import org.pestle.pdmp.internal.PdmpRecords.Submission;
import org.pestle.platform.DataScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The adapters of processes/pdmp-reporting.bpmn and the names of its variables (identifiers and codes only).
 * Lists of record ids travel as bytes variables (no 4,000-character limit) and are read back by
 * {@link #ids(DelegateExecution, String)} for the multi-instance tasks.
 */
@Component("pdmpProcess")
public class ReportingProcess {

    static final String PROCESS_KEY = "Process_PdmpReporting";
    /** Who the background steps act as, whoever runs the job (the job executor, or an operator's retry in Cockpit). */
    static final String ACTOR = "system:pdmp-reporting";
    static final String SUBMISSION_ID = "submissionId";
    static final String FILE_WRITTEN = "fileWritten";
    static final String ESCALATE_AT = "escalateAt";
    static final String ANSWER_WAIT = "answerWait";
    static final String BLOCKED = "blockedRecordIds";
    static final String FAILED = "failedRecordIds";
    static final String RECORD_ID = "recordId";
    static final String RESOLUTION = "resolution";
    static final String REPORTING_DAY = "reportingDay";

    private final PdmpSettings settings;

    ReportingProcess(PdmpSettings settings) {
        this.settings = settings;
    }

    /** The timer start event's cycle: daily at the configured hour ({@code ${pdmpProcess.cycle}}). */
    public String getCycle() {
        return settings.cron();
    }

    /** The ids a multi-instance task runs over. */
    public List<String> ids(DelegateExecution execution, String variable) {
        Object value = execution.getVariable(variable);
        if (!(value instanceof byte[] bytes) || bytes.length == 0) {
            return List.of();
        }
        return Arrays.asList(new String(bytes, StandardCharsets.US_ASCII).split(","));
    }

    static Object idsValue(Collection<UUID> ids) {
        return Variables.byteArrayValue(ids.stream().map(UUID::toString).collect(Collectors.joining(","))
                .getBytes(StandardCharsets.US_ASCII));
    }

    static UUID submissionId(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable(SUBMISSION_ID));
    }

    /** Task_WriteReport: the day's file (or zero report) and the blocked records. */
    @Component("writePdmpReport")
    static class WriteReport implements JavaDelegate {
        private final DailyReports reports;
        private final PdmpSettings settings;

        private final DataScope scope;

        WriteReport(DailyReports reports, PdmpSettings settings, DataScope scope) {
            this.reports = reports;
            this.settings = settings;
            this.scope = scope;
        }

        @Override
        public void execute(DelegateExecution execution) {
            scope.enterSystem(ACTOR);
            Object day = execution.getVariable(REPORTING_DAY);
            DailyReports.Written written = day instanceof String given && !given.isEmpty()
                    ? reports.write(java.time.LocalDate.parse(given)) : reports.write();
            execution.setVariable(FILE_WRITTEN, written.submission().isPresent());
            execution.setVariable(SUBMISSION_ID, written.submission().map(s -> s.id().toString()).orElse(""));
            execution.setVariable(ESCALATE_AT, Date.from(written.escalateAt()));
            execution.setVariable(ANSWER_WAIT, settings.answerWait().toString());
            execution.setVariable(BLOCKED, idsValue(written.blocked()));
        }
    }

    /** Task_UploadFile: puts the file in the state's SFTP folder (once) and records the disclosure. */
    @Component("uploadPdmpFile")
    static class UploadFile implements JavaDelegate {
        private final DailyReports reports;
        private final PdmpRecords records;
        private final SftpTarget sftp;
        private final ApplicationEventPublisher events;
        private final java.time.Clock clock;
        private final DataScope scope;

        UploadFile(DailyReports reports, PdmpRecords records, SftpTarget sftp, ApplicationEventPublisher events,
                java.time.Clock clock, DataScope scope) {
            this.scope = scope;
            this.reports = reports;
            this.records = records;
            this.sftp = sftp;
            this.events = events;
            this.clock = clock;
        }

        @Override
        public void execute(DelegateExecution execution) {
            scope.enterSystem(ACTOR);
            Submission submission = records.submission(submissionId(execution)).orElseThrow();
            if (!"WRITTEN".equals(submission.status())) {
                return;
            }
            sftp.upload(submission.state(), submission.fileName(),
                    reports.text(submission).getBytes(StandardCharsets.US_ASCII));
            records.uploaded(submission.id(), clock.instant());
            List<PdmpFileSent.Carried> carried = records.ofSubmission(submission.id()).stream()
                    .map(ReportingProcess::carried).toList();
            events.publishEvent(new PdmpFileSent(submission.id(), submission.state(), submission.controlNumber(),
                    submission.zeroReport(), carried));
        }
    }

    /** Task_ReadAnswer: the state's error report, or acceptance; sets the failed records. */
    @Component("readPdmpAnswer")
    static class ReadAnswer implements JavaDelegate {
        private final StateAnswers answers;

        private final DataScope scope;

        ReadAnswer(StateAnswers answers, DataScope scope) {
            this.answers = answers;
            this.scope = scope;
        }

        @Override
        public void execute(DelegateExecution execution) {
            scope.enterSystem(ACTOR);
            StateAnswers.Answer answer = answers.read(submissionId(execution));
            execution.setVariable(FAILED, idsValue(answer.failedRecordIds()));
            execution.setVariable("answer", answer.status());
        }
    }

    static PdmpFileSent.Carried carried(PdmpRecord r) {
        return new PdmpFileSent.Carried(r.dispenseId(), r.kind().name(), r.organizationId(), r.clinicId(), r.patientId());
    }
}
