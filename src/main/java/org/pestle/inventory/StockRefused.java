package org.pestle.inventory;

import java.util.UUID;

/**
 * Stock cannot be proposed, taken or returned as asked. The message names the lot or item by id and
 * the rule, never a patient; callers map it to a problem (422) or a task's error.
 */
public class StockRefused extends RuntimeException {

    private final Reason reason;
    private final UUID itemId;
    private final UUID lotId;

    public StockRefused(Reason reason, UUID itemId, UUID lotId, String message) {
        super(message);
        this.reason = reason;
        this.itemId = itemId;
        this.lotId = lotId;
    }

    public Reason reason() {
        return reason;
    }

    /** The item concerned, or null. */
    public UUID itemId() {
        return itemId;
    }

    /** The lot at fault, or null when the refusal is about an item as a whole. */
    public UUID lotId() {
        return lotId;
    }

    /** Why. */
    public enum Reason {
        UNKNOWN_ITEM,
        UNKNOWN_LOT,
        /** The lot belongs to another item than the one it is used for. */
        WRONG_ITEM,
        EXPIRED,
        QUARANTINED,
        /** The lot holds less than the quantity asked of it. */
        SHORT,
        /** The usable lots of the item together hold less than the quantity asked. */
        NOT_ENOUGH_STOCK,
        /** A return would give back more than the compounding took from the lot. */
        MORE_THAN_USED
    }
}
