package org.pestle.audit.internal;

import java.util.Map;
import java.util.TreeMap;

import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.inventory.InventoryControlRecorded;
import org.pestle.inventory.LotQuarantined;
import org.pestle.inventory.StockAdjusted;
import org.pestle.inventory.StockReceived;
import org.pestle.inventory.StockUsedInCompounding;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Audit records of the pharmacy's stock (receipts, corrections, destructions, quarantines, compounding
 * debits and returns), in the transaction that changes the ledger. Stock belongs to no clinic or patient:
 * the records carry lot, item and codes only (a pharmacist's note stays in the ledger).
 */
@Component
class StockEventAuditor {

    private final AuditRecords audit;

    StockEventAuditor(AuditRecords audit) {
        this.audit = audit;
    }

    @EventListener
    void on(StockReceived event) {
        Map<String, Object> details = new TreeMap<>();
        details.put("itemId", event.itemId().toString());
        details.put("ndc", event.ndc());
        details.put("lotNumber", event.lotNumber());
        details.put("quantity", event.quantity().toPlainString());
        details.put("deaSchedule", event.deaSchedule());
        if (event.deaOrderNumber() != null) {
            details.put("deaOrderNumber", event.deaOrderNumber());
        }
        if (event.supplierDeaNumber() != null) {
            details.put("supplierDeaNumber", event.supplierDeaNumber());
        }
        audit.record(AuditEntry.of(event.receivedBy(), "stock.received", "lot", event.lotId()).withDetails(details));
    }

    @EventListener
    void on(StockAdjusted event) {
        String action = event.kind().equals("DESTROYED") ? "stock.destroyed" : "stock.adjusted";
        audit.record(AuditEntry.of(event.adjustedBy(), action, "lot", event.lotId())
                .withDetails(Map.of("itemId", event.itemId().toString(), "quantity", event.quantity().toPlainString(),
                        "reason", event.reason())));
    }

    @EventListener
    void on(LotQuarantined event) {
        audit.record(AuditEntry.of(event.quarantinedBy(), "lot.quarantined", "lot", event.lotId())
                .withDetails(Map.of("itemId", event.itemId().toString(), "reason", event.reason())));
    }

    @EventListener
    void on(StockUsedInCompounding event) {
        String action = switch (event.kind()) {
            case "RETURNED" -> "stock.returned";
            case "DESTROYED" -> "stock.destroyed-in-preparation";
            default -> "stock.used-in-compounding";
        };
        audit.record(AuditEntry.of(event.actor(), action, "compounding", event.reference())
                .withDetails(Map.of("lots", event.uses().stream()
                        .map(use -> Map.of("lotId", use.lotId().toString(), "itemId", use.itemId().toString(),
                                "quantity", use.quantity().toPlainString()))
                        .toList())));
    }

    @EventListener
    void on(InventoryControlRecorded event) {
        audit.record(AuditEntry.of(event.actor(), event.action(), event.entityType(), event.entityId())
                .withDetails(new TreeMap<>(event.details())));
    }
}
