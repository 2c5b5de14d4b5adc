package org.pestle.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The audit records of one transaction, held until it is about to commit and then appended in one
 * statement ({@code audit_append_all}, V140) instead of one round trip per record. They commit or
 * roll back with the work they describe exactly as single appends did: the statement runs in the
 * transaction, before its commit; a rollback discards them. A record that arrives after the flush (from
 * another synchronization's beforeCommit) is appended at once. A transaction started inside another
 * (REQUIRES_NEW) has its own synchronizations, so its records commit with it, not with the outer one.
 */
final class AppendAtCommit implements TransactionSynchronization {

    /** One record as {@code audit_append_all} reads it (JSON field names). */
    record Row(String actor, String actorRole, String onBehalfOf, UUID organizationId, UUID clinicId,
            String action, String entityType, String entityId, UUID patientId, String outcome,
            String sourceAddress, String reason, Map<String, Object> details) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Consumer<List<Row>> append;
    private boolean flushed;

    private AppendAtCommit(Consumer<List<Row>> append) {
        this.append = append;
    }

    /**
     * Holds the row for the current transaction's commit; false when it must be appended now (no
     * transaction synchronization, or this transaction's records were already flushed).
     */
    static boolean hold(Row row, Consumer<List<Row>> append) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return false;
        }
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof AppendAtCommit pending) {
                if (pending.flushed) {
                    return false;
                }
                pending.rows.add(row);
                return true;
            }
        }
        AppendAtCommit pending = new AppendAtCommit(append);
        pending.rows.add(row);
        TransactionSynchronizationManager.registerSynchronization(pending);
        return true;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        flushed = true;
        if (!rows.isEmpty()) {
            append.accept(List.copyOf(rows));
            rows.clear();
        }
    }

    @Override
    public void afterCompletion(int status) {
        rows.clear();
    }
}
