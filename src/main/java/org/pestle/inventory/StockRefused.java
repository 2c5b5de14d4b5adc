package org.pestle.inventory;

import java.util.List;
import java.util.UUID;

import org.pestle.platform.ApiProblem;
import org.pestle.platform.ApiProblem.FieldError;
import org.springframework.http.HttpStatus;

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

    /**
     * The refusal as a 422 problem ({@code urn:pestle:problem:stock-refused}) naming the request's field
     * at fault, e.g. {@code lines[0].lots[1].lotId}.
     */
    public ApiProblem asProblem(String field) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "stock-refused", "The stock cannot be used",
                field + ": " + getMessage(), List.of(new FieldError(field, reason.explanation())));
    }

    /** Why. */
    public enum Reason {
        UNKNOWN_ITEM("is not an inventory item"),
        UNKNOWN_LOT("is not a lot in stock"),
        /** The lot belongs to another item than the one it is used for. */
        WRONG_ITEM("is a lot of another item"),
        EXPIRED("is an expired lot"),
        QUARANTINED("is a quarantined lot"),
        /** The lot holds less than the quantity asked of it. */
        SHORT("holds less than the quantity asked"),
        /** The usable lots of the item together hold less than the quantity asked. */
        NOT_ENOUGH_STOCK("has too little usable stock"),
        /** A return would give back more than the compounding took from the lot. */
        MORE_THAN_USED("would return more than the compounding took");

        private final String explanation;

        Reason(String explanation) {
            this.explanation = explanation;
        }

        /** What is wrong, in words for a field error. */
        public String explanation() {
            return explanation;
        }
    }
}
