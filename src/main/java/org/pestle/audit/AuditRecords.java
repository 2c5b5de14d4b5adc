package org.pestle.audit;

/** The audit trail: other modules append what they did; admins verify the chain. */
public interface AuditRecords {

    /**
     * Appends a record to the trail in the current transaction (it commits or rolls back with the work
     * it describes). The transaction's records are written together, in their order, just before it
     * commits; the database clock stamps them then. Where the entry leaves role or source address
     * empty, the signed-in user's roles and the request's remote address (at the time of this call)
     * fill them.
     */
    void record(AuditEntry entry);

    /** Walks the whole chain and names the first edited, deleted or inserted record. */
    ChainVerification verify();
}
