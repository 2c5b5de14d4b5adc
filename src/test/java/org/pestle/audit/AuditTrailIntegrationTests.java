package org.pestle.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.pestle.platform.DataScope;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.TestDatabase;
import org.pestle.support.MutableClock;
import org.pestle.support.Transactions;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail: records written by the modules' events and by sign-ins, append-only for the
 * runtime role, and a hash chain that locates tampering done by the schema owner in plain SQL.
 */
@IntegrationTest
class AuditTrailIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    AuditRecords audit;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    DataScope dataScope;

    @LocalServerPort
    int port;

    @Test
    void readingAPatientRecordsWhoSawWhichPatientAndWhatWasDisclosed() {
        long before = lastSeq();

        assertThat(new Api(http).get(Demo.REYES, "/api/patients/" + Demo.PATIENT_NORTHSIDE).status()).isEqualTo(200);

        Map<String, Object> record = transactions.asSystem(() -> jdbc.sql("""
                select actor, actor_role, clinic_id, entity_type, entity_id, patient_id, outcome, source_address,
                       details::text as details
                from audit_record where seq > ? and action = 'patient.viewed' order by seq desc limit 1""")
                .param(before).query().singleRow());
        assertThat(record.get("actor")).isEqualTo(Demo.REYES);
        assertThat(record.get("actor_role")).isEqualTo("PRESCRIBER");
        assertThat(record.get("clinic_id")).isEqualTo(Demo.NORTHSIDE);
        assertThat(record.get("entity_type")).isEqualTo("patient");
        assertThat(record.get("patient_id")).isEqualTo(Demo.PATIENT_NORTHSIDE);
        assertThat(record.get("outcome")).isEqualTo("success");
        assertThat(record.get("source_address")).isEqualTo("127.0.0.1");
        assertThat((String) record.get("details")).contains("elements").contains("PATIENT_NAME");
    }

    @Test
    void anAdminsChangeOfAUsersAccessIsRecordedAsTheAdmins() {
        long before = lastSeq();
        Api api = new Api(http);

        assertThat(api.post(Demo.ADMIN, "/api/admin/users/" + Demo.TECHNICIAN + "/disable", Map.of()).status())
                .isEqualTo(204);
        assertThat(api.post(Demo.ADMIN, "/api/admin/users/" + Demo.TECHNICIAN + "/enable", Map.of()).status())
                .isEqualTo(204);

        List<String> changes = transactions.asSystem(() -> jdbc.sql("""
                select actor || ' ' || entity_id || ' ' || (details ->> 'change') from audit_record
                where seq > ? and action = 'user.access-changed' order by seq""")
                .param(before).query(String.class).list());
        assertThat(changes).containsExactly("admin technician DISABLED", "admin technician ENABLED");
    }

    @Test
    void signInsAndFailedSignInsAreRecordedWithTheNameGivenAndTheSourceAddress() {
        long before = lastSeq();

        new WebSession(port, clock).password("nobody", "wrong-password");
        new WebSession(port, clock).password(Demo.PHARMACIST, Demo.PASSWORD);

        List<String> records = transactions.asSystem(() -> jdbc.sql("""
                select action || ' ' || actor || ' ' || outcome || ' ' || source_address from audit_record
                where seq > ? and action like 'login.%' order by seq""")
                .param(before).query(String.class).list());
        assertThat(records).containsExactly("login.failed nobody failed 127.0.0.1",
                "login.succeeded pharmacist success 127.0.0.1");
    }

    @Test
    void theRuntimeRoleCanNeitherChangeNorRemoveNorForgeRecords() throws SQLException {
        transactions.asSystem(() -> audit.record(AuditEntry.of("system:test", "test.recorded", null, null)));
        try (Connection db = DriverManager.getConnection(TestDatabase.get().url(), TestDatabase.APP.username(),
                TestDatabase.APP.password()); Statement sql = db.createStatement()) {
            sql.execute("select set_config('pestle.scope', 'system', false)");
            assertThat(count(sql, "select count(*) from audit_record")).isPositive();
            for (String change : List.of("update audit_record set actor = 'someone-else'",
                    "delete from audit_record", "truncate audit_record",
                    "insert into audit_record select * from audit_record order by seq desc limit 1",
                    "update audit_chain_head set seq = 0",
                    "select setval('audit_record_seq', 1)", "select nextval('audit_record_seq')")) {
                assertThatThrownBy(() -> sql.execute(change)).as(change).isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
            }
        }
    }

    @Test
    void aTransactionsRecordsAreAppendedTogetherInTheirOrderWhenItCommits() {
        String marker = UUID.randomUUID().toString();
        transactions.asSystem(() -> {
            audit.record(AuditEntry.of("system:test", "test.first", "thing", marker));
            audit.record(AuditEntry.of("system:test", "test.second", "thing", marker));
            audit.record(AuditEntry.of("system:test", "test.third", "thing", marker));
            // held until the transaction commits, then written in one statement
            assertThat(actionsOf(marker)).isEmpty();
            return null;
        });

        assertThat(actionsOf(marker)).containsExactly("test.first", "test.second", "test.third");
    }

    @Test
    void aRolledBackTransactionLeavesNoRecordOfItsWork() {
        String marker = UUID.randomUUID().toString();

        assertThatThrownBy(() -> transactions.asSystem(() -> {
            audit.record(AuditEntry.of("system:test", "test.rolled-back", "thing", marker));
            throw new IllegalStateException("the work failed");
        })).hasMessage("the work failed");

        assertThat(actionsOf(marker)).isEmpty();
    }

    @Test
    void aRecordOfAnInnerTransactionCommitsWithItAndNotWithTheOuterOne() {
        String marker = UUID.randomUUID().toString();
        TransactionTemplate own = new TransactionTemplate(transactionManager);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        assertThatThrownBy(() -> transactions.asSystem(() -> {
            audit.record(AuditEntry.of("system:test", "test.outer", "thing", marker));
            own.executeWithoutResult(status -> {
                dataScope.enterSystem("system:test");
                audit.record(AuditEntry.of("system:test", "test.inner", "thing", marker));
            });
            throw new IllegalStateException("the outer work failed");
        })).hasMessage("the outer work failed");

        assertThat(actionsOf(marker)).containsExactly("test.inner");
    }

    @Test
    void aRecordWrittenWhileItsTransactionCommitsIsAppendedAtOnce() {
        String marker = UUID.randomUUID().toString();
        transactions.asSystem(() -> {
            audit.record(AuditEntry.of("system:test", "test.during-work", "thing", marker));
            // another synchronization records after the held records were flushed
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    audit.record(AuditEntry.of("system:test", "test.while-committing", "thing", marker));
                }
            });
            return null;
        });

        assertThat(actionsOf(marker)).containsExactly("test.during-work", "test.while-committing");
    }

    private List<String> actionsOf(String entityId) {
        return transactions.asSystem(() -> jdbc.sql("select action from audit_record where entity_id = ? order by seq")
                .param(entityId).query(String.class).list());
    }

    @Test
    void withoutAScopeTheRuntimeRoleSeesNoRecordButItsAppendsAreStillRecorded() throws SQLException {
        long before = lastSeq();
        try (Connection db = DriverManager.getConnection(TestDatabase.get().url(), TestDatabase.APP.username(),
                TestDatabase.APP.password()); Statement sql = db.createStatement()) {
            assertThat(count(sql, "select count(*) from audit_record")).isZero();
            sql.execute("""
                    select audit_append('system:unscoped', null, null, null, null, 'test.recorded', null, null,
                                        null, 'success', null, null, '{}')""");
        }
        assertThat(transactions.asSystem(() -> jdbc.sql(
                "select actor from audit_record where seq > ? and action = 'test.recorded'")
                .param(before).query(String.class).list())).containsExactly("system:unscoped");
    }

    @Test
    void evenTheOwnerCannotChangeARecordWithoutDeclaringMaintenance() throws SQLException {
        transactions.asSystem(() -> audit.record(AuditEntry.of("system:test", "test.recorded", null, null)));
        try (Connection db = AuditOwner.connect(); Statement sql = db.createStatement()) {
            assertThatThrownBy(() -> sql.execute("update audit_record set actor = 'someone-else'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.execute("delete from audit_record")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.execute("truncate audit_record")).hasMessageContaining("append-only");
        }
    }

    @Test
    void anIntactChainVerifiesOverTheAdminApi() {
        long seq = appendOne();

        JsonNode result = new Api(http).get(Demo.ADMIN, "/api/admin/audit/verify").json();

        assertThat(result.get("intact").asBoolean()).isTrue();
        assertThat(result.get("recordsChecked").asLong()).isGreaterThanOrEqualTo(countThrough(seq));
        assertThat(result.get("sealedThroughSeq").asLong()).isGreaterThanOrEqualTo(seq);
        assertThat(new Api(http).get(Demo.REYES, "/api/admin/audit/verify").status()).isEqualTo(403);
    }

    @Test
    void aRecordEditedByTheOwnerIsFoundAndNamed() throws SQLException {
        long seq = appendOne();
        try (Connection db = AuditOwner.connect(); Statement sql = db.createStatement()) {
            AuditOwner.maintenance(sql, "update audit_record set entity_id = 'edited' where seq = " + seq);
            try {
                assertThat(broken(audit.verify())).containsExactly(false, countThrough(seq), seq, "EDITED");
            } finally {
                AuditOwner.maintenance(sql, "update audit_record set entity_id = null where seq = " + seq);
            }
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aRecordRewrittenWithARecomputedHashIsFoundByTheNextLink() throws SQLException {
        long seq = appendOne();
        long next = appendOne();
        try (Connection db = AuditOwner.connect(); Statement sql = db.createStatement()) {
            byte[] original = hashOf(sql, seq);
            AuditOwner.maintenance(sql, "update audit_record set entity_id = 'edited' where seq = " + seq);
            AuditOwner.maintenance(sql, "update audit_record r set hash = audit_hash(previous_hash, r) where seq = " + seq);
            try {
                assertThat(broken(audit.verify())).containsExactly(false, countThrough(next), seq, "EDITED");
            } finally {
                AuditOwner.maintenance(sql, "update audit_record set entity_id = null, hash = decode('"
                        + java.util.HexFormat.of().formatHex(original) + "', 'hex') where seq = " + seq);
            }
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aRecordDeletedByTheOwnerIsFoundAndNamed() throws SQLException {
        long seq = appendOne();
        appendOne();
        long checked = countThrough(seq);
        try (Connection db = AuditOwner.connect(); Statement sql = db.createStatement()) {
            AuditOwner.maintenance(sql, "create temporary table kept as select * from audit_record where seq = " + seq);
            AuditOwner.maintenance(sql, "delete from audit_record where seq = " + seq);
            try {
                assertThat(broken(audit.verify())).containsExactly(false, checked, seq, "DELETED");
            } finally {
                AuditOwner.maintenance(sql, "insert into audit_record select * from kept");
            }
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aRecordInsertedByTheOwnerIsFoundAndNamed() throws SQLException {
        long last = appendOne();
        try (Connection db = AuditOwner.connect(); Statement sql = db.createStatement()) {
            AuditOwner.maintenance(sql, """
                    insert into audit_record (seq, recorded_at, actor, action, outcome, previous_hash, hash)
                    select seq + 1, now(), 'forger', 'order.approved', 'success', hash, hash
                    from audit_record where seq = %d""".formatted(last));
            try {
                assertThat(broken(audit.verify())).containsExactly(false, countThrough(last) + 1, last + 1,
                        "INSERTED");
            } finally {
                AuditOwner.maintenance(sql, "delete from audit_record where seq = " + (last + 1));
            }
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void eightConcurrentWritersKeepOneLinearChain() throws Exception {
        long before = lastSeq();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> work = new ArrayList<>();
            for (int writer = 0; writer < 8; writer++) {
                String actor = "system:writer-" + writer;
                work.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        transactions.asSystem(() -> audit.record(AuditEntry.of(actor, "test.concurrent", null, null)));
                    }
                    return 25L;
                });
            }
            for (Future<Long> done : writers.invokeAll(work)) {
                done.get();
            }
        } finally {
            writers.shutdown();
        }

        List<Long> written = transactions.asSystem(() -> jdbc.sql("""
                select seq from audit_record where seq > ? and action = 'test.concurrent' order by seq""")
                .param(before).query(Long.class).list());
        assertThat(written).hasSize(200);
        AuditSealing.awaitSealed(transactions, jdbc, written.get(written.size() - 1));
        ChainVerification verification = audit.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.sealedThroughSeq()).isGreaterThanOrEqualTo(written.get(written.size() - 1));
        assertThat(verification.recordsChecked()).isEqualTo(countThrough(verification.sealedThroughSeq()));
        List<Long> links = transactions.asSystem(() -> jdbc.sql("""
                select count(*) from audit_record r join audit_record p on p.seq = r.previous_seq
                where r.seq > ? and r.action = 'test.concurrent' and r.previous_hash = p.hash""")
                .param(before).query(Long.class).list());
        assertThat(links).containsExactly(200L);
    }

    @Test
    void aRecordIsNeverTimedBeforeItsPredecessorEvenIfTheClockStepsBack() throws SQLException {
        appendOne();
        try (Connection db = AuditOwner.connect(); Statement sql = db.createStatement()) {
            // as if the database clock had stepped back by an hour since the last record
            sql.execute("update audit_chain_head set recorded_at = recorded_at + interval '1 hour'");
            long seq;
            try {
                seq = appendOne();
            } finally {
                sql.execute("update audit_chain_head set recorded_at = (select recorded_at from audit_record r "
                        + "where r.seq = audit_chain_head.seq)");
            }
            try (ResultSet times = sql.executeQuery("select r.recorded_at = p.recorded_at + interval '1 hour' "
                    + "from audit_record r join audit_record p on p.seq = r.previous_seq where r.seq = " + seq)) {
                assertThat(times.next()).isTrue();
                assertThat(times.getBoolean(1)).isTrue();
            }
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    /** Appends a record and waits until it is sealed (tampering before that is the window, docs/audit.md). */
    private long appendOne() {
        long seq = AuditSealing.recordOne(transactions, jdbc, audit, "test.recorded", null, null);
        AuditSealing.awaitSealed(transactions, jdbc, seq);
        return seq;
    }

    private long lastSeq() {
        return AuditSealing.lastWritten(transactions, jdbc);
    }

    private long countThrough(long seq) {
        return AuditSealing.countThrough(transactions, jdbc, seq);
    }

    private static List<Object> broken(ChainVerification result) {
        return List.of(result.intact(), result.recordsChecked(), result.firstBrokenSeq(), result.problem());
    }

    private static byte[] hashOf(Statement sql, long seq) throws SQLException {
        try (ResultSet rows = sql.executeQuery("select hash from audit_record where seq = " + seq)) {
            rows.next();
            return rows.getBytes(1);
        }
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
