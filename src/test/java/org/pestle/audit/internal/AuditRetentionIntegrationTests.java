package org.pestle.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.pestle.audit.AuditOwner;
import org.pestle.audit.AuditRecords;
import org.pestle.audit.AuditSealing;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Audit records are kept at least six years: the database refuses to remove younger ones, older ones
 * leave from the start of the chain only, and what is left still verifies from the anchor.
 */
@IntegrationTest
class AuditRetentionIntegrationTests {

    @Autowired
    AuditRetention retention;

    @Autowired
    AuditRecords audit;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theRetentionIsAtLeastSixYearsAndDefaultsToSeven() {
        assertThat(retention.cutoff()).isBefore(Instant.now().atOffset(ZoneOffset.UTC).minusYears(6).toInstant());
        assertThat(retention.cutoff()).isAfter(Instant.now().atOffset(ZoneOffset.UTC).minusYears(8).toInstant());
    }

    @Test
    void theDatabaseRefusesToRemoveRecordsYoungerThanSixYears() {
        long before = count();

        assertThatThrownBy(() -> retention.pruneBefore(Instant.now().atOffset(ZoneOffset.UTC).minusYears(5)
                .toInstant())).isInstanceOf(DataAccessException.class).hasMessageContaining("at least six years");
        assertThat(count()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void noRecordIsRemovedWhileNoneIsPastTheRetention() {
        long before = count();

        assertThat(retention.pruneBefore(retention.cutoff())).isZero();
        assertThat(count()).isGreaterThanOrEqualTo(before);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void recordsPastTheRetentionLeaveFromTheStartAndTheRestStillVerifies() throws SQLException {
        long firstKept = ageTheFirstThreeRecords();
        long lastAged = transactions.asSystem(() -> jdbc.sql("select max(seq) from audit_record where seq < ?")
                .param(firstKept).query(Long.class).single());
        assertThat(audit.verify().intact()).as("the re-linked chain verifies before the removal").isTrue();

        long removed = retention.pruneBefore(retention.cutoff());

        assertThat(removed).isEqualTo(3);
        assertThat(transactions.asSystem(() -> jdbc.sql("select min(seq) from audit_record").query(Long.class)
                .single())).isEqualTo(firstKept);
        assertThat(transactions.asSystem(() -> jdbc.sql("select seq from audit_chain_anchor").query(Long.class)
                .single())).isEqualTo(lastAged);
        assertThat(audit.verify().intact()).as("the chain verifies from its anchor").isTrue();
        assertThat(transactions.asSystem(() -> jdbc.sql(
                "select details ->> 'removed' from audit_record where action = 'audit.pruned' order by seq desc limit 1")
                .query(String.class).single())).isEqualTo("3");
    }

    @Test
    void aRecordPutBackBeforeTheAnchorIsFound() throws SQLException {
        ageTheFirstThreeRecords();
        retention.pruneBefore(retention.cutoff());
        long anchor = transactions.asSystem(() -> jdbc.sql("select seq from audit_chain_anchor").query(Long.class)
                .single());
        try (Connection db = AuditOwner.connect(); Statement sql = db.createStatement()) {
            AuditOwner.maintenance(sql, "insert into audit_record select " + anchor + ", recorded_at, actor,"
                    + " actor_role, on_behalf_of, organization_id, clinic_id, action, entity_type, entity_id,"
                    + " patient_id, outcome, source_address, reason, details, previous_hash, hash"
                    + " from audit_record order by seq limit 1");
            try {
                var result = audit.verify();
                assertThat(result.intact()).isFalse();
                assertThat(result.problem()).isEqualTo("INSERTED");
                assertThat(result.firstBrokenSeq()).isEqualTo(anchor);
            } finally {
                AuditOwner.maintenance(sql, "delete from audit_record where seq = " + anchor);
            }
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    /**
     * As if the chain's first three records had been written eight years ago: the owner rewrites their
     * times and re-links the whole chain, holding the head so that no append slips in between.
     *
     * @return the sequence number of the fourth record, the first to stay
     */
    private long ageTheFirstThreeRecords() throws SQLException {
        transactions.asSystem(() -> {
            for (int i = 0; i < 4; i++) {
                audit.record(org.pestle.audit.AuditEntry.of("system:test", "test.retained", null, null));
            }
            return null;
        });
        // only the sealed part of the chain is relinked (the sealer waits for the head's lock meanwhile)
        AuditSealing.awaitAllSealed(transactions, jdbc);
        long firstKept;
        try (Connection db = AuditOwner.connect(); Statement sql = db.createStatement()) {
            sql.execute("begin");
            sql.execute("set local pestle.audit_maintenance = 'on'");
            sql.execute("select 1 from audit_chain_head for update");
            sql.execute("""
                    update audit_record set recorded_at = recorded_at - interval '8 years'
                    where seq in (select seq from audit_record order by seq limit 3)""");
            sql.execute("""
                    do $$
                    declare
                        r audit_record;
                        prev bytea := coalesce((select hash from audit_chain_anchor), decode(repeat('00', 32), 'hex'));
                    begin
                        for r in select * from audit_record where seq <= (select seq from audit_chain_head)
                                order by seq loop
                            r.previous_hash := prev;
                            r.hash := audit_hash(prev, r);
                            update audit_record set previous_hash = r.previous_hash, hash = r.hash where seq = r.seq;
                            prev := r.hash;
                        end loop;
                        update audit_chain_head set hash = prev;
                    end
                    $$""");
            sql.execute("commit");
            try (ResultSet rs = sql.executeQuery("select seq from audit_record order by seq offset 3 limit 1")) {
                rs.next();
                firstKept = rs.getLong(1);
            }
        }
        return firstKept;
    }

    private long count() {
        return transactions.asSystem(() -> jdbc.sql("select count(*) from audit_record").query(Long.class).single());
    }
}
