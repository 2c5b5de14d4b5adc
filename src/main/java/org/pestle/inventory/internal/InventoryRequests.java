package org.pestle.inventory.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The bodies the inventory API takes. */
final class InventoryRequests {

    static final String LOT_NUMBER = "[A-Za-z0-9][A-Za-z0-9./-]{0,39}";
    static final String DEA_ORDER_NUMBER = "[A-Za-z0-9][A-Za-z0-9-]{0,39}";

    private InventoryRequests() {
    }

    /**
     * A new inventory item.
     *
     * @param ndc as printed (4-4-2, 5-3-2, 5-4-1 with dashes, or 11 digits); stored as 11 digits
     * @param description drug or component, strength and form
     * @param deaSchedule 2 to 5, or 0 (the default) when not controlled
     * @param unit the unit stock is counted in
     */
    record NewItem(@NotBlank String ndc,
            @NotBlank @Size(max = 200) String description,
            Integer deaSchedule,
            @NotNull @Pattern(regexp = "g|mL|each", message = "must be g, mL or each") String unit) {

        int schedule() {
            return deaSchedule == null ? 0 : deaSchedule;
        }
    }

    /**
     * Stock received into a lot.
     *
     * @param itemId the item
     * @param lotNumber as on the container
     * @param expiresOn as on the container
     * @param supplier who delivered it
     * @param receivedOn the day it came in (today if left out)
     * @param quantity how much, in the item's unit
     * @param deaOrderNumber Schedule II: the DEA Form 222 serial number or the CSOS order number
     * @param supplierDeaNumber controlled substances (Schedules II to V): the supplier's DEA registration number
     */
    record Receipt(@NotNull UUID itemId,
            @NotBlank @Pattern(regexp = LOT_NUMBER, message = "must be 1 to 40 letters, digits, dots, slashes or dashes") String lotNumber,
            @NotNull LocalDate expiresOn,
            @NotBlank @Size(max = 200) String supplier,
            LocalDate receivedOn,
            @NotNull @Positive @Digits(integer = 10, fraction = 4) BigDecimal quantity,
            @Pattern(regexp = DEA_ORDER_NUMBER, message = "must be 1 to 40 letters, digits or dashes") String deaOrderNumber,
            String supplierDeaNumber) {
    }

    /** A correction of a lot's quantity (signed), with a coded reason and an optional note. */
    record Adjustment(@NotNull @Digits(integer = 10, fraction = 4) BigDecimal quantity,
            @NotNull AdjustmentReason reason,
            @Size(max = 500) String note) {
    }

    /** A lot put in quarantine. */
    record Quarantine(@NotNull QuarantineReason reason, @Size(max = 500) String note) {
    }

    /** Stock taken out of a lot to be destroyed. */
    record Destruction(@NotNull @Positive @Digits(integer = 10, fraction = 4) BigDecimal quantity,
            @NotNull DestructionReason reason,
            @Size(max = 500) String note) {
    }

    enum AdjustmentReason {
        COUNT_CORRECTION, DAMAGED, SPILLED, RECEIVING_ERROR
    }

    enum QuarantineReason {
        RECALL, DAMAGED, SUSPECTED_CONTAMINATION, SUPPLIER_NOTICE, PENDING_INVESTIGATION
    }

    enum DestructionReason {
        EXPIRED, RECALLED, DAMAGED, CONTAMINATED
    }
}
