package org.pestle.pdmp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.Dispenses;
import org.pestle.pdmp.internal.PdmpRecords.PdmpRecord;
import org.pestle.pdmp.internal.PdmpRecords.Submission;
import org.pestle.pdmp.internal.asap.AsapFile;
import org.pestle.support.Api;
import org.pestle.support.ApprovedOrders;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/pdmp-reporting.bpmn on the real engine, database and SFTP: controlled dispenses made through the
 * order API and the fulfillment tasks, the daily timer's job run as the engine runs it, the file put on the
 * in-process Apache MINA SSHD server, the state's error report placed in its folder, timers driven by the
 * engine's clock.
 */
@IntegrationTest
class PdmpReportingProcessIntegrationTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    Transactions transactions;
    @Autowired
    ApprovedOrders users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    Dispenses dispenses;
    @Autowired
    MutableClock clock;
    @Autowired
    PdmpRecords records;
    @Autowired
    DailyReports reports;
    @Autowired
    EmbeddedSftpTarget sftp;
    @Autowired
    PdmpSettings settings;

    ControlledDispenses controlled;

    @BeforeEach
    void setUp() {
        controlled = new ControlledDispenses(engine, transactions, users, jdbc, http, dispenses);
        // every run reports a new day: the clock moves on a day, and what earlier tests left is reported first
        clock.advance(Duration.ofDays(1));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        sftp.start();
    }

    @Test
    void aPickedUpControlledCompoundIsInTheNextDaysFileWrittenUnderATemporaryNameThenRenamedAndAccepted() {
        Dispense dispense = controlled.pickedUp();
        clock.advance(Duration.ofDays(1));

        ProcessInstance run = runDaily();
        Submission submission = awaitUploaded(run);

        assertThat(submission.kind()).isEqualTo("REPORT");
        assertThat(submission.reportingDay()).isEqualTo(reports.reportingDay());
        String path = settings.state() + "/" + submission.fileName();
        assertThat(sftp.operations()).containsSubsequence("write " + settings.state() + "/." + submission.fileName() + ".part",
                "rename " + settings.state() + "/." + submission.fileName() + ".part " + path);
        assertThat(sftp.root().resolve(path)).exists();
        assertThat(sftp.root().resolve(settings.state()).resolve("." + submission.fileName() + ".part")).doesNotExist();

        String file = readFile(path);
        List<List<String>> segments = AsapFile.parse(file);
        List<String> dsp = segmentOf(segments, "DSP", dispense.orderNumber() + "-" + dispense.lineNumber());
        assertThat(dsp.get(1)).isEqualTo("00");
        assertThat(dsp.get(7)).isEqualTo("06");
        assertThat(dsp.get(8)).startsWith("99999");
        assertThat(dsp.get(14)).isEqualTo(settings.pharmacy().pharmacistNpi());
        int at = segments.indexOf(dsp);
        assertThat(segments.get(at - 1).get(0)).isEqualTo("PAT");
        assertThat(segments.get(at - 1).subList(7, 9)).containsExactly("Wilson", "Marcus");
        assertThat(segments.get(at - 1).get(18)).isEqualTo("19680412");
        assertThat(segments.get(at + 1)).startsWith("PRE", "1234567893", "BR1234563");
        long ingredients = dispense.lots().stream().map(Dispense.LotTaken::itemId).distinct().count();
        assertThat(segments.subList(at + 2, at + 2 + (int) ingredients)).allMatch(s -> s.get(0).equals("CDI"));
        assertThat(segments.get(0).get(2)).isEqualTo(submission.controlNumber());
        assertThat(segments.get(segments.size() - 1)).containsExactly("TT", submission.controlNumber(),
                String.valueOf(segments.size()));
        // the stored file is ciphertext, and it is the file that was sent
        byte[] stored = transactions.asSystem(() -> records.ciphertext(submission.id()));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Wilson");
        assertThat(transactions.asSystem(() -> reports.text(submission))).isEqualTo(file);

        answerWindowEnds(run);
        await().atMost(Duration.ofSeconds(30)).until(() -> transactions.asSystem(() ->
                dispenses.byIds(List.of(dispense.id())).get(0).pdmpReportedAt()) != null);
        assertThat(submission(submission.id()).status()).isEqualTo("ACCEPTED");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(run.getId()).count()).isZero();
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select count(*) from audit_record where action = 'pdmp.disclosed' and patient_id = ? and entity_id = ?""")
                .params(dispense.patientId(), submission.id().toString()).query(Long.class).single())).isEqualTo(1L);
        // the patient's disclosure report names the PDMP disclosures and what they disclosed
        var report = new Api(http).get(Demo.ADMIN, "/api/admin/audit/patients/" + dispense.patientId()).json();
        var disclosed = java.util.stream.StreamSupport.stream(report.spliterator(), false)
                .filter(line -> line.get("action").asText().equals("pdmp.disclosed")).findFirst().orElseThrow();
        assertThat(disclosed.get("actor").asText()).isEqualTo("system:pdmp-reporting");
        assertThat(disclosed.get("elements").toString()).contains("PATIENT_NAME", "PATIENT_ADDRESS", "PATIENT_DATE_OF_BIRTH");
    }

    @Test
    void aDayWithoutControlledDispensesGetsOneZeroReportOfThatDayOnly() {
        ProcessInstance clearing = runDaily();
        awaitUploaded(clearing);
        answerWindowEnds(clearing);
        awaitEnded(clearing);
        clock.advance(Duration.ofDays(1));

        ProcessInstance run = runDaily();
        Submission zero = awaitUploaded(run);

        assertThat(zero.kind()).isEqualTo("ZERO");
        assertThat(zero.recordCount()).isZero();
        List<List<String>> segments = AsapFile.parse(readFile(settings.state() + "/" + zero.fileName()));
        String day = zero.reportingDay().toString().replace("-", "");
        assertThat(segments).extracting(s -> s.get(0))
                .containsExactly("TH", "IS", "PHA", "PAT", "DSP", "PRE", "CDI", "AIR", "TP", "TT");
        assertThat(segments.get(1).get(3)).isEqualTo("#" + day + "#-#" + day + "#");
        assertThat(segments.get(3).subList(7, 9)).containsExactly("REPORT", "ZERO");
        assertThat(segments.get(4).get(5)).isEqualTo(day);
        // a rerun on the same day writes no second file
        assertThat(transactions.asSystem(() -> reports.write()).submission()).map(Submission::id).contains(zero.id());
        answerWindowEnds(run);
        awaitEnded(run);
    }

    @Test
    void anSftpOutageIsRetriedThenBecomesAnIncidentAndRecoverySendsTheFileOnce() {
        sftp.stop();
        ProcessInstance run = runDaily();
        Job upload = await().atMost(Duration.ofSeconds(30)).until(() -> uploadJob(run),
                job -> job != null && job.getExceptionMessage() != null);
        assertThat(upload.getRetries()).isPositive();
        assertThat(upload.getDuedate()).isAfter(new Date());
        assertThat(upload.getExceptionMessage()).contains("SFTP upload").doesNotContain(sftp.password());
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(run.getId()).count()).isZero();
        // the remaining retries fail as well (run now rather than waiting out the backoff)
        while (uploadJob(run).getRetries() > 0) {
            Job next = uploadJob(run);
            assertThatThrownBy(() -> engine.getManagementService().executeJob(next.getId())).hasMessageContaining("SFTP");
        }
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(run.getId())
                .activityId("Task_UploadFile").count()).isEqualTo(1);
        UUID submissionId = UUID.fromString((String) engine.getRuntimeService().getVariable(run.getId(), "submissionId"));
        assertThat(submission(submissionId).status()).isEqualTo("WRITTEN");

        sftp.start();
        retryNow(run);
        Submission sent = awaitUploaded(run);

        String fileName = sent.fileName();
        assertThat(sftp.operations().stream().filter(op -> op.startsWith("rename") && op.endsWith("/" + fileName)))
                .hasSize(1);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(run.getId()).count()).isZero();
        answerWindowEnds(run);
        awaitEnded(run);
    }

    @Test
    void anErrorReportOpensAPharmacistTaskAndTheCorrectionGoesOutAsARevise() throws Exception {
        Dispense dispense = controlled.pickedUp();
        clock.advance(Duration.ofDays(1));
        ProcessInstance run = runDaily();
        Submission submission = awaitUploaded(run);
        String rx = dispense.orderNumber() + "-" + dispense.lineNumber();
        Files.writeString(sftp.root().resolve(settings.state()).resolve(submission.fileName() + StateAnswers.SUFFIX),
                rx + "*PAT18*invalid date of birth\n");

        answerWindowEnds(run);
        Task task = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceId(run.getId()).taskDefinitionKey("Task_CorrectRecord").singleResult(), t -> t != null);
        UUID recordId = UUID.fromString((String) engine.getTaskService().getVariable(task.getId(), "recordId"));
        PdmpRecord failed = record(recordId);
        assertThat(failed.status()).isEqualTo(PdmpRecords.Status.FAILED);
        assertThat(failed.errorText()).isEqualTo("PAT18 invalid date of birth");
        assertThat(submission(submission.id()).status()).isEqualTo("ERRORS");
        assertThat(transactions.asSystem(() -> dispenses.byIds(List.of(dispense.id())).get(0).pdmpReportedAt())).isNull();

        assertThatThrownBy(() -> users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService()
                .complete(task.getId(), Map.of("resolution", "REVISE")))).hasMessageContaining("technician");
        assertThatThrownBy(() -> users.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService()
                .complete(task.getId(), Map.of("resolution", "IGNORE")))).hasMessageContaining("REVISE");
        users.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(task.getId(),
                Map.of("resolution", "REVISE")));
        awaitEnded(run);
        assertThat(record(recordId).status()).isEqualTo(PdmpRecords.Status.CORRECTED);

        clock.advance(Duration.ofDays(1));
        ProcessInstance next = runDaily();
        Submission revised = awaitUploaded(next);
        List<String> dsp = segmentOf(AsapFile.parse(readFile(settings.state() + "/" + revised.fileName())), "DSP", rx);
        assertThat(dsp.get(1)).isEqualTo("01");
        answerWindowEnds(next);
        awaitEnded(next);
        assertThat(transactions.asSystem(() -> dispenses.byIds(List.of(dispense.id())).get(0).pdmpReportedAt())).isNotNull();

        // returned to stock after it was reported: a void repeats the key fields with DSP01 02
        var voided = new Api(http).post(Demo.PHARMACIST, "/api/pdmp/dispenses/" + dispense.id() + "/void", Map.of());
        assertThat(voided.status()).isEqualTo(200);
        assertThat(voided.json().get("voided").asBoolean()).isTrue();
        clock.advance(Duration.ofDays(1));
        ProcessInstance third = runDaily();
        Submission withVoid = awaitUploaded(third);
        List<String> voidDsp = segmentOf(AsapFile.parse(readFile(settings.state() + "/" + withVoid.fileName())), "DSP", rx);
        assertThat(voidDsp.get(1)).isEqualTo("02");
        assertThat(voidDsp.subList(2, 10)).isEqualTo(dsp.subList(2, 10));
        answerWindowEnds(third);
        awaitEnded(third);
    }

    @Test
    void aMissingPrescriberDeaStopsOnlyThatRecordWithATaskNamingTheField() {
        Dispense complete = controlled.pickedUp();
        Dispense withoutDea = controlled.pickedUp();
        UUID okafor = UUID.fromString("00000000-0000-4000-8000-0000000000d2");
        transactions.asSystem(() -> jdbc.sql("update orders set prescriber_id = ? where id = ?")
                .params(okafor, withoutDea.orderId()).update());
        clock.advance(Duration.ofDays(1));

        ProcessInstance run = runDaily();
        Submission submission = awaitUploaded(run);

        List<List<String>> segments = AsapFile.parse(readFile(settings.state() + "/" + submission.fileName()));
        assertThat(segments).filteredOn(s -> s.get(0).equals("DSP")).extracting(s -> s.get(2))
                .contains(complete.orderNumber() + "-1").doesNotContain(withoutDea.orderNumber() + "-1");
        Task task = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceId(run.getId()).taskDefinitionKey("Task_CompleteRecord").singleResult(), t -> t != null);
        assertThat(engine.getTaskService().getVariable(task.getId(), "missingField")).isEqualTo("PRE02 prescriber DEA number");
        UUID recordId = UUID.fromString((String) engine.getTaskService().getVariable(task.getId(), "recordId"));
        assertThat(record(recordId).dispenseId()).isEqualTo(withoutDea.id());
        assertThat(record(recordId).status()).isEqualTo(PdmpRecords.Status.BLOCKED);
        var pending = new Api(http).get(Demo.PHARMACIST, "/api/pdmp/records").json();
        assertThat(pending.findValuesAsText("missingField")).contains("PRE02 prescriber DEA number");

        users.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(task.getId(),
                Map.of("valueRecorded", true)));
        assertThat(record(recordId).status()).isEqualTo(PdmpRecords.Status.PENDING);
        answerWindowEnds(run);
        awaitEnded(run);
        transactions.asSystem(() -> jdbc.sql("update orders set prescriber_id = ? where id = ?")
                .params(UUID.fromString("00000000-0000-4000-8000-0000000000d1"), withoutDea.orderId()).update());
    }

    @Test
    void theDeadlineEscalationFiresOnTheEnginesClockWhileTheUploadFails() {
        sftp.stop();
        ProcessInstance run = runDaily();
        await().atMost(Duration.ofSeconds(30)).until(() -> uploadJob(run), job -> job != null && job.getExceptionMessage() != null);
        Job deadline = engine.getManagementService().createJobQuery().processInstanceId(run.getId()).timers()
                .activityId("Event_DeadlineNear").singleResult();
        assertThat(deadline).isNotNull();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(run.getId())
                .taskDefinitionKey("Task_EscalateDeadline").count()).isZero();

        // the daily timer would fire too on a clock moved this far: hold it while the escalation is due
        Job daily = engine.getManagementService().createJobQuery().processDefinitionKey(ReportingProcess.PROCESS_KEY)
                .timers().activityId("StartEvent_Daily").singleResult();
        engine.getManagementService().suspendJobById(daily.getId());
        // and the upload's own retries, so that none runs on the moved clock
        String upload = uploadJob(run).getId();
        engine.getManagementService().suspendJobById(upload);
        ClockUtil.setCurrentTime(new Date(deadline.getDuedate().getTime() + 60_000));
        Task escalation = await().atMost(Duration.ofSeconds(60)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceId(run.getId()).taskDefinitionKey("Task_EscalateDeadline").singleResult(), t -> t != null);
        assertThat(escalation.getPriority()).isEqualTo(80);
        ClockUtil.reset();
        engine.getManagementService().activateJobById(daily.getId());
        engine.getManagementService().activateJobById(upload);

        sftp.start();
        retryNow(run);
        awaitUploaded(run);
        users.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(escalation.getId(),
                Map.of("escalationAcknowledged", true)));
        answerWindowEnds(run);
        awaitEnded(run);
    }

    @Test
    void onlyPharmacyAdminsDownloadAFileAndEveryDownloadIsAudited() {
        ProcessInstance run = runDaily();
        Submission submission = awaitUploaded(run);
        Api api = new Api(http);

        assertThat(api.get(Demo.PHARMACIST, "/api/pdmp/submissions/" + submission.id() + "/file").status()).isEqualTo(403);
        assertThat(api.get(Demo.CLINIC_ADMIN, "/api/pdmp/submissions").status()).isEqualTo(403);
        assertThat(api.get(Demo.PHARMACIST, "/api/pdmp/submissions").json().findValuesAsText("controlNumber"))
                .contains(submission.controlNumber());
        var download = api.get(Demo.ADMIN, "/api/pdmp/submissions/" + submission.id() + "/file");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).contains(submission.fileName());
        assertThat(download.body()).startsWith("TH*" + settings.asapVersion() + "*" + submission.controlNumber() + "*");
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select count(*) from audit_record where action = 'pdmp.file-downloaded' and actor = ? and entity_id = ?""")
                .params(Demo.ADMIN, submission.id().toString()).query(Long.class).single())).isEqualTo(1L);
        answerWindowEnds(run);
        awaitEnded(run);

        // a run for a missed day: a pharmacist starts it; the same day again is refused (one file per day)
        String missed = reports.reportingDay().minusDays(20).toString();
        var started = api.post(Demo.PHARMACIST, "/api/pdmp/runs", Map.of("reportingDay", missed));
        assertThat(started.status()).isEqualTo(202);
        ProcessInstance missedRun = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(started.json().get("processInstanceId").asText()).singleResult();
        Submission missedFile = awaitUploaded(missedRun);
        assertThat(missedFile.reportingDay()).hasToString(missed);
        assertThat(api.post(Demo.PHARMACIST, "/api/pdmp/runs", Map.of("reportingDay", missed)).status()).isEqualTo(409);
        assertThat(api.post(Demo.ADMIN, "/api/pdmp/runs", Map.of()).status()).isEqualTo(403);
        answerWindowEnds(missedRun);
        awaitEnded(missedRun);
    }

    // -- the engine's steps

    /** Runs the daily timer's job as the job executor would at the report hour; the new instance. */
    private ProcessInstance runDaily() {
        List<String> before = instanceIds();
        Job timer = engine.getManagementService().createJobQuery().processDefinitionKey(ReportingProcess.PROCESS_KEY)
                .timers().activityId("StartEvent_Daily").singleResult();
        assertThat(timer).as("the daily timer").isNotNull();
        engine.getManagementService().executeJob(timer.getId());
        List<String> after = new ArrayList<>(instanceIds());
        after.removeAll(before);
        assertThat(after).hasSize(1);
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(after.get(0)).singleResult();
    }

    private List<String> instanceIds() {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ReportingProcess.PROCESS_KEY)
                .list().stream().map(ProcessInstance::getId).toList();
    }

    private Submission awaitUploaded(ProcessInstance run) {
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.getManagementService().createJobQuery()
                .processInstanceId(run.getId()).timers().activityId("Event_AnswerWindow").count() == 1);
        UUID id = UUID.fromString((String) engine.getRuntimeService().getVariable(run.getId(), "submissionId"));
        Submission submission = submission(id);
        assertThat(submission.status()).isEqualTo("UPLOADED");
        return submission;
    }

    private void answerWindowEnds(ProcessInstance run) {
        Job window = engine.getManagementService().createJobQuery().processInstanceId(run.getId()).timers()
                .activityId("Event_AnswerWindow").singleResult();
        engine.getManagementService().executeJob(window.getId());
    }

    private void awaitEnded(ProcessInstance run) {
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(run.getId()).count() == 0);
    }

    /** What the operator does in Cockpit: one more retry, due now. */
    private void retryNow(ProcessInstance run) {
        String job = uploadJob(run).getId();
        engine.getManagementService().setJobRetries(job, 1);
        engine.getManagementService().setJobDuedate(job, new Date());
    }

    private Job uploadJob(ProcessInstance run) {
        return engine.getManagementService().createJobQuery().processInstanceId(run.getId()).activityId("Task_UploadFile")
                .singleResult();
    }

    private Submission submission(UUID id) {
        return transactions.asSystem(() -> records.submission(id)).orElseThrow();
    }

    private PdmpRecord record(UUID id) {
        return transactions.asSystem(() -> records.record(id)).orElseThrow();
    }

    private String readFile(String path) {
        try {
            return Files.readString(sftp.root().resolve(Path.of(path)), StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> segmentOf(List<List<String>> segments, String id, String rxNumber) {
        return segments.stream().filter(s -> s.get(0).equals(id) && s.get(2).equals(rxNumber)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " for " + rxNumber));
    }
}
