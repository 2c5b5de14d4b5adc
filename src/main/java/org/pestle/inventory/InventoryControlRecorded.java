package org.pestle.inventory;

import java.util.Map;

/**
 * A step of inventory control was recorded: a par level set, a purchase order created or received, a
 * return to the wholesaler moved on, a controlled-substance count, reconciliation, investigation or
 * witnessed destruction. It becomes an audit record (and a sentence of the activity feed) as it stands.
 *
 * @param action the audit action, e.g. {@code controlled.reconciled}
 * @param entityType what was recorded, e.g. {@code reconciliation}
 * @param entityId its id
 * @param actor username, or {@code system:<what>} for background work
 * @param details identifiers, codes and quantities only (never a note or patient data)
 */
public record InventoryControlRecorded(String action, String entityType, String entityId, String actor,
        Map<String, Object> details) {

    public InventoryControlRecorded {
        details = Map.copyOf(details);
    }
}
