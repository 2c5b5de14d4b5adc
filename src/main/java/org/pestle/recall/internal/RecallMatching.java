package org.pestle.recall.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.Dispenses;
import org.pestle.inventory.Ndc;
import org.pestle.inventory.Stock;
import org.pestle.inventory.StockLot;
import org.pestle.recall.internal.openfda.ParsedRecall;
import org.springframework.stereotype.Service;

/**
 * A parsed record against Pestle's data: the lots of the record's NDCs whose lot number the record names (every lot
 * of the NDC when it says "all lots"), with what of each is on hand and how many dispenses and patients took it.
 * Reads only, in the caller's transaction and scope.
 */
@Service
class RecallMatching {

    static final String BY_LOT_NUMBER = "LOT_NUMBER";
    static final String BY_ALL_LOTS = "ALL_LOTS";

    private final Stock stock;
    private final Dispenses dispenses;

    RecallMatching(Stock stock, Dispenses dispenses) {
        this.stock = stock;
        this.dispenses = dispenses;
    }

    /**
     * A lot of Pestle's stock that the record concerns.
     *
     * @param matchedBy {@link #BY_LOT_NUMBER} or {@link #BY_ALL_LOTS}
     * @param dispenses how many dispenses took something from it (as an ingredient of a preparation)
     * @param patients how many patients those went to
     */
    record MatchedLot(UUID lotId, UUID itemId, String ndc, String lotNumber, LocalDate expiresOn, String status,
            BigDecimal onHand, String matchedBy, int dispenses, int patients) {
    }

    List<MatchedLot> match(ParsedRecall recall) {
        List<Ndc> ndcs = recall.ndcDigits().stream().map(Ndc::new).toList();
        List<MatchedLot> matched = new ArrayList<>();
        for (Map.Entry<Ndc, List<StockLot>> item : stock.lotsByNdc(ndcs).entrySet()) {
            for (StockLot lot : item.getValue()) {
                String by = recall.lots().stream().anyMatch(l -> l.matches(lot.lotNumber())) ? BY_LOT_NUMBER
                        : recall.allLots() ? BY_ALL_LOTS : null;
                if (by != null) {
                    matched.add(of(lot, item.getKey().formatted(), by));
                }
            }
        }
        return matched;
    }

    MatchedLot of(StockLot lot, String ndc, String by) {
        List<Dispense> taken = dispenses.ofLot(lot.id());
        return new MatchedLot(lot.id(), lot.itemId(), ndc, lot.lotNumber(), lot.expiresOn(), lot.status().name(),
                lot.onHand(), by, taken.size(), (int) taken.stream().map(Dispense::patientId).distinct().count());
    }
}
