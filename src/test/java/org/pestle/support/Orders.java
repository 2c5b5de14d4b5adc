package org.pestle.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds order request bodies for tests. */
public final class Orders {

    private Orders() {
    }

    /** A one-line order. */
    public static Map<String, Object> order(UUID clinicId, UUID patientId, Map<String, Object> line) {
        return order(clinicId, patientId, List.of(line));
    }

    public static Map<String, Object> order(UUID clinicId, UUID patientId, List<Map<String, Object>> lines) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("clinicId", clinicId);
        order.put("patientId", patientId);
        order.put("lines", new ArrayList<>(lines));
        return order;
    }

    /** A line that the order-eligibility rules accept when the compound is approved for the clinic. */
    public static Map<String, Object> line(UUID compoundId) {
        return line(compoundId, 30, 30, 0);
    }

    public static Map<String, Object> line(UUID compoundId, Number quantity, int daysSupply, int refills) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("compoundId", compoundId);
        line.put("quantity", quantity);
        line.put("daysSupply", daysSupply);
        line.put("sig", "Use as directed by the prescriber");
        line.put("refillsAuthorized", refills);
        return line;
    }
}
