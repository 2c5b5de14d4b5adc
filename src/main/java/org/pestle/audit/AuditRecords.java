package org.pestle.audit;

/** The audit trail: other modules append what they did; admins verify the chain. */
public interface AuditRecords {

    /**
     * Appends a record at the end of the chain in the current transaction (it commits or rolls back
     * with the work it describes). The database clock stamps it. Where the entry leaves role or source
     * address empty, the signed-in user's roles and the request's remote address fill them.
     *
     * @return the record's sequence number
     */
    long record(AuditEntry entry);

    /** Walks the whole chain and names the first edited, deleted or inserted record. */
    ChainVerification verify();
}
