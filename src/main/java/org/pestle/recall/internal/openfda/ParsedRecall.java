package org.pestle.recall.internal.openfda;

import java.time.LocalDate;
import java.util.List;

/**
 * What a parser read from one openFDA enforcement record: a proposal for a pharmacist to confirm, never a fact.
 *
 * @param recallNumber the recall number as FDA prints it
 * @param recallKey the recall number with its sequence zero-padded to 4 digits ({@code D-0609-2013}), for comparing
 * @param classification {@code I}, {@code II}, {@code III}, or null when the record gives none
 * @param status the record's status as given (a snapshot: FDA does not update it)
 * @param recallingFirm the recalling firm
 * @param eventId FDA's event id, or null
 * @param reportDate the enforcement report's date, or null
 * @param productDescription the product as described
 * @param codeInfo {@code code_info} and {@code more_code_info} as given, for the pharmacist to read
 * @param ndcs the NDCs found, each normalized to 11 digits
 * @param lots the lot numbers found in {@code code_info}
 * @param allLots whether the record says every lot of the product is affected
 * @param skipped what looked like a code but was not taken as a lot
 * @param needsPharmacist why no lot could be read, or null when lots (or "all lots") were read
 */
public record ParsedRecall(String recallNumber, String recallKey, String classification, String status,
        String recallingFirm, String eventId, LocalDate reportDate, String productDescription, String codeInfo,
        List<FoundNdc> ndcs, List<FoundLot> lots, boolean allLots, List<Skipped> skipped, String needsPharmacist) {

    /** The answer when no lot was found in a shape the parser knows. */
    public static final String NO_LOT_FOUND = "no lot found, needs a pharmacist";

    public ParsedRecall {
        ndcs = List.copyOf(ndcs);
        lots = List.copyOf(lots);
        skipped = List.copyOf(skipped);
    }

    /** The lot numbers, in the order found. */
    public List<String> lotNumbers() {
        return lots.stream().map(FoundLot::lotNumber).toList();
    }

    /** The 11-digit NDCs, in the order found. */
    public List<String> ndcDigits() {
        return ndcs.stream().map(FoundNdc::digits).distinct().toList();
    }

    /**
     * An NDC of the record.
     *
     * @param digits 11 digits (5-4-2)
     * @param printed as printed
     * @param source {@code product_description}, {@code code_info}, {@code openfda.package_ndc}
     * @param label the {@code a)}, {@code b)} label of the product it belongs to, or null
     */
    public record FoundNdc(String digits, String printed, String source, String label) {
    }

    /**
     * A lot number of the record.
     *
     * @param lotNumber as printed, without a trailing wildcard
     * @param expiresOn its expiry or beyond-use date when given (the month's last day when only a month is given)
     * @param prefix whether the physical lot number may carry a suffix (a {@code *}, or "may be followed by numbers")
     * @param label the {@code a)}, {@code b)} label of the product it belongs to, or null
     */
    public record FoundLot(String lotNumber, LocalDate expiresOn, boolean prefix, String label) {

        /** Whether a lot number on the shelf is this lot (case and surrounding blanks ignored; by prefix when so marked). */
        public boolean matches(String shelfLotNumber) {
            String shelf = shelfLotNumber.strip().toUpperCase(java.util.Locale.ROOT);
            String wanted = lotNumber.toUpperCase(java.util.Locale.ROOT);
            return prefix ? shelf.startsWith(wanted) : shelf.equals(wanted);
        }
    }

    /**
     * Something that looked like a code and was not taken as a lot.
     *
     * @param text as printed
     * @param kind {@code UPC}, {@code NDC}, {@code DATE}, {@code BARCODE}, {@code OTHER}
     * @param why why it was not taken
     */
    public record Skipped(String text, String kind, String why) {
    }
}
