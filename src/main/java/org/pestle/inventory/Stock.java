package org.pestle.inventory;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The pharmacy's stock as the fulfillment steps use it: which lots to take for an ingredient, and
 * the ledger debits and returns of a compounding. Every method works in the caller's transaction, in
 * its data scope (stock is visible to the pharmacy and the system scope only), and writes nothing
 * but append-only ledger movements.
 */
public interface Stock {

    /**
     * The lots to take the quantity of an item from, first expiry first out: lots that are available
     * (not quarantined), not expired today (the pharmacy's date) and have stock on hand, earliest expiry
     * first, each taken as far as its quantity on hand goes.
     *
     * @param itemId the inventory item
     * @param quantity how much is needed, in the item's unit; positive
     * @return the lots and how much of each, together exactly the quantity
     * @throws StockRefused {@link StockRefused.Reason#NOT_ENOUGH_STOCK} when the usable lots together hold
     *         less, {@link StockRefused.Reason#UNKNOWN_ITEM} when the item is not there
     */
    List<LotUse> propose(UUID itemId, BigDecimal quantity);

    /**
     * Debits lots for a compounding, in the caller's transaction, so the debit commits or rolls back
     * with the compounding record. Each lot is locked for the rest of the transaction, and its quantity
     * on hand read under that lock, so concurrent compoundings never take a lot below zero. Every use is
     * checked before anything is written: a lot that is unknown, of another item, quarantined, expired
     * or short is refused whatever the client sent, and then nothing is debited (the transaction is not
     * marked for rollback; the caller decides).
     *
     * @param reference what the stock is used for, an identifier such as a compounding record id (no patient data)
     * @param compoundedBy username of who compounded it
     * @param uses the lots and quantities taken (the same lot may appear more than once)
     * @return the lots after the debit, with their new quantities on hand
     * @throws StockRefused naming the first lot at fault and why
     * @throws IllegalStateException outside a transaction
     */
    List<StockLot> debitForCompounding(String reference, String compoundedBy, List<LotUse> uses);

    /**
     * Returns to stock what a compounding took and did not use (a preparation sent back before its
     * ingredients were mixed), in the caller's transaction. At most what that reference took from each
     * lot goes back; a quarantined or expired lot takes it back too (it stays unusable).
     *
     * @throws StockRefused {@link StockRefused.Reason#MORE_THAN_USED} when more would come back than was taken
     */
    List<StockLot> returnFromCompounding(String reference, String returnedBy, List<LotUse> uses);

    /**
     * Records in the ledger that the preparation a compounding made was destroyed (sent back at the final check
     * with its lots destroyed, unclaimed, or its order cancelled), in the caller's transaction: a
     * {@code DESTROYED} movement per lot the reference still holds (taken and not returned), with the coded
     * reason and the reference. The compounding debit stands, so these movements carry no quantity (the quantity
     * destroyed is the debit's, said in the note); nothing goes back to stock. Recording the same reference
     * again writes nothing.
     *
     * @param reference the compounding's identifier, as given to {@link #debitForCompounding}
     * @param destroyedBy username of the pharmacist, or a {@code system:} actor
     * @param reason a coded reason, e.g. {@code PREPARATION_UNCLAIMED}
     * @return the lots of the preparation (none when it took nothing, or was recorded before)
     */
    List<StockLot> destroyedWithPreparation(String reference, String destroyedBy, String reason);

    /** The lots with these ids that the caller's scope sees, with their quantities on hand. */
    List<StockLot> lots(Collection<UUID> lotIds);

    /**
     * Every lot (whatever its status, expiry or quantity, emptied ones included) of the items with these NDCs, by NDC:
     * what a recall of those NDCs may concern.
     */
    Map<Ndc, List<StockLot>> lotsByNdc(Collection<Ndc> ndcs);

    /**
     * Puts a lot in quarantine for a recall, in the caller's transaction: it is no longer proposed or debited, and the
     * ledger says why ({@code QUARANTINED}, reason {@code RECALL}, the reference). A lot already in quarantine is left
     * as it is (nothing written), so a retry is harmless.
     *
     * @param reference the recall, an identifier (no patient data)
     * @return the lot after it, or empty when the caller's scope sees no such lot
     */
    Optional<StockLot> quarantineForRecall(UUID lotId, String reference, String quarantinedBy);

    /**
     * Takes what is left of a recalled lot out of stock, in the caller's transaction: returned to the supplier (an
     * {@code ADJUSTED} movement, reason {@code RETURNED_TO_SUPPLIER}) or destroyed ({@code DESTROYED}, reason
     * {@code RECALLED}), with the recall as reference. Nothing is written when the lot holds nothing.
     *
     * @return the lot after it, or empty when the caller's scope sees no such lot
     */
    Optional<StockLot> removeRecalled(UUID lotId, Removal removal, String reference, String removedBy);

    /** What becomes of a recalled lot's stock. */
    enum Removal {
        /** Sent back to the supplier or the recalling firm. */
        RETURN_TO_SUPPLIER,
        /** Destroyed at the pharmacy. */
        DESTROY
    }
    /** The codes of these items (NDC, unit, DEA schedule) that the caller's scope sees, by item id. */
    java.util.Map<UUID, ItemCode> itemCodes(Collection<UUID> itemIds);
}
