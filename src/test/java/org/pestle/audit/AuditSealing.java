package org.pestle.audit;

import java.time.Duration;

import org.pestle.support.Transactions;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits until records are linked into the audit chain: it calls the database's sealer itself (as the
 * application's sealer does, which may hold the sealing lock at that moment) until the head passes.
 */
public final class AuditSealing {

    private AuditSealing() {
    }

    /** Until the chain's head reaches at least this sequence number (every record up to it sealed). */
    public static void awaitSealed(Transactions transactions, JdbcClient jdbc, long seq) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (head(transactions, jdbc) < seq) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("audit record " + seq + " was not sealed within 20 s");
            }
            jdbc.sql("select audit_seal()").query(Long.class).single();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Appends one record in a transaction of its own and returns its sequence number, read back after the
     * commit (found by a marker in its details, which no test edits).
     */
    public static long recordOne(Transactions transactions, JdbcClient jdbc, AuditRecords audit, String action,
            String entityType, String entityId) {
        String marker = java.util.UUID.randomUUID().toString();
        transactions.asSystem(() -> audit.record(AuditEntry.of("system:test", action, entityType, entityId)
                .withDetails(java.util.Map.of("marker", marker))));
        return transactions.asSystem(() -> jdbc.sql("select seq from audit_record where details ->> 'marker' = ?")
                .param(marker).query(Long.class).single());
    }

    /** Until every record written so far is sealed. */
    public static void awaitAllSealed(Transactions transactions, JdbcClient jdbc) {
        awaitSealed(transactions, jdbc, lastWritten(transactions, jdbc));
    }

    /** The highest sequence number written (sealed or not). */
    public static long lastWritten(Transactions transactions, JdbcClient jdbc) {
        return transactions.asSystem(() -> jdbc.sql("select coalesce(max(seq), 0) from audit_record")
                .query(Long.class).single());
    }

    /** How many records there are up to this sequence number, as the verification counts them. */
    public static long countThrough(Transactions transactions, JdbcClient jdbc, long seq) {
        return transactions.asSystem(() -> jdbc.sql("select count(*) from audit_record where seq <= ?")
                .param(seq).query(Long.class).single());
    }

    private static long head(Transactions transactions, JdbcClient jdbc) {
        return transactions.asSystem(() -> jdbc.sql("select seq from audit_chain_head").query(Long.class).single());
    }
}
