package org.pestle.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pestle.support.AppRole.appRole;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.pestle.audit.AuditRecords;
import org.pestle.audit.AuditSealing;
import org.pestle.audit.ChainVerification;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records are written unsealed in their own transaction and sealed into the chain shortly after they
 * commit, in sequence order, never past a number whose transaction may still commit.
 */
@IntegrationTest
class AuditSealingIntegrationTests {

    @Autowired
    AuditRecords audit;

    @Autowired
    AuditSealer sealer;

    @Autowired
    AuditSearch search;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNumberTakenByATransactionStillOpenHoldsTheSealBackUntilItCommits() throws SQLException {
        long first;
        long second;
        // the scheduled sealer (and its completed transactions) would make the race below less likely
        sealer.stop();
        try (Connection early = appRole(); Connection late = appRole()) {
            early.setAutoCommit(false);
            late.setAutoCommit(false);
            first = append(early, "system:early");
            second = append(late, "system:late");
            assertThat(second).isGreaterThan(first);
            // both still open: the sealer's horizon reaches the second number while the newest id is running
            for (int i = 0; i < 3; i++) {
                sealer.sealOnce();
            }
            late.commit();
            for (int i = 0; i < 5; i++) {
                sealer.sealOnce();
            }
            assertThat(head()).as("nothing sealed past the open transaction's number").isLessThan(first);
            ChainVerification meanwhile = audit.verify();
            assertThat(meanwhile.intact()).isTrue();
            assertThat(meanwhile.sealedThroughSeq()).isLessThan(first);
            assertThat(meanwhile.awaitingSealing()).isPositive();
            // the committed, unsealed record is found by the search as before
            assertThat(transactions.asSystem(() -> search.search(new AuditSearch.Filter("system:late", null, null,
                    null, null, null, null, null, null, null, null, 10)).records()))
                    .extracting(AuditSearch.Found::seq).containsExactly(second);
            assertThat(transactions.asSystem(() -> jdbc.sql("select hash is null from audit_record where seq = ?")
                    .param(second).query(Boolean.class).single())).as("committed but not yet sealed").isTrue();

            early.commit();
            AuditSealing.awaitSealed(transactions, jdbc, second);
        } finally {
            sealer.start();
        }
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select count(*) from audit_record where seq in (?, ?) and hash is not null""")
                .params(first, second).query(Long.class).single())).isEqualTo(2);
        ChainVerification after = audit.verify();
        assertThat(after.intact()).isTrue();
        assertThat(after.sealedThroughSeq()).isGreaterThanOrEqualTo(second);
    }

    @Test
    void theSealerRefusesToRunInATransactionThatAlreadyHasAnId() throws SQLException {
        try (Connection db = appRole(); Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            sql.execute("select pg_current_xact_id()");
            assertThatThrownBy(() -> sql.execute("select audit_seal()")).hasMessageContaining("transaction of its own");
            db.rollback();
        }
    }

    @Test
    void aRolledBackRecordLeavesNoRecordAndTheChainLinksAcrossItsNumber() throws SQLException {
        long rolledBack;
        long kept;
        try (Connection db = appRole()) {
            db.setAutoCommit(false);
            rolledBack = append(db, "system:rolled-back");
            db.rollback();
            db.setAutoCommit(true);
            kept = append(db, "system:kept");
        }
        AuditSealing.awaitSealed(transactions, jdbc, kept);
        long rolledBackSeq = rolledBack;
        assertThat(transactions.asSystem(() -> jdbc.sql("select count(*) from audit_record where seq = ?")
                .param(rolledBackSeq).query(Long.class).single())).isZero();
        long keptSeq = kept;
        assertThat(transactions.asSystem(() -> jdbc.sql("select previous_seq from audit_record where seq = ?")
                .param(keptSeq).query(Long.class).single())).isNotEqualTo(rolledBack);
        assertThat(audit.verify().intact()).isTrue();
    }

    private long append(Connection db, String actor) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("""
                select audit_append('%s', null, null, null, null, 'test.sealing', null, null, null, 'success',
                                    null, null, '{}')""".formatted(actor))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long head() {
        return transactions.asSystem(() -> jdbc.sql("select seq from audit_chain_head").query(Long.class).single());
    }
}
