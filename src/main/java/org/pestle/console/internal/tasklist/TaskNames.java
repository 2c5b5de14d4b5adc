package org.pestle.console.internal.tasklist;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pestle.catalog.Catalog;
import org.pestle.catalog.Compound;
import org.pestle.ordering.LineStatus;
import org.pestle.ordering.OrderView;
import org.pestle.ordering.Orders;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.springframework.stereotype.Component;

/**
 * Fills the templates of {@link TasklistSettings} for one order: "Verify order #1001 · Northside ·
 * Schedule III". Identifiers, the clinic's name, codes and the rules' reasons only.
 */
@Component
class TaskNames {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final String[] ROMAN = {"", "I", "II", "III", "IV", "V"};

    private final Orders orders;
    private final Clinics clinics;
    private final Catalog catalog;

    TaskNames(Orders orders, Clinics clinics, Catalog catalog) {
        this.orders = orders;
        this.clinics = clinics;
        this.catalog = catalog;
    }

    /** What the templates may say about an order's task. */
    Optional<Map<String, String>> facts(String taskName, String orderId, String eligibility) {
        if (orderId == null || orderId.isBlank()) {
            return Optional.empty();
        }
        Optional<OrderView> found = orders.findForSystem(UUID.fromString(orderId));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        OrderView order = found.get();
        int schedule = order.lines().stream()
                .map(line -> catalog.find(line.compoundId()).map(Compound::controlledSchedule).orElse(0))
                .filter(s -> s > 0).min(Comparator.naturalOrder()).orElse(0);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("task", taskName == null ? "Task" : taskName);
        facts.put("order", Long.toString(order.orderNumber()));
        facts.put("clinic", clinics.find(order.clinicId()).map(Clinic::name).orElse("unknown clinic"));
        facts.put("schedule", schedule >= 1 && schedule <= 5 ? " · Schedule " + ROMAN[schedule] : "");
        int lines = order.lines().size();
        facts.put("lines", lines + (lines == 1 ? " line" : " lines"));
        facts.put("eligibility", eligibility == null ? "not checked" : eligibility);
        facts.put("reason", reviewReason(order));
        return Optional.of(facts);
    }

    /** Why the rules sent the order to review: the distinct reasons of its lines, or that every line was accepted. */
    static String reviewReason(OrderView order) {
        List<String> reasons = order.lines().stream()
                .filter(line -> line.status() == LineStatus.FLAGGED)
                .map(OrderView.Line::eligibilityReason).filter(Objects::nonNull).distinct().toList();
        if (reasons.isEmpty()) {
            reasons = order.lines().stream().map(OrderView.Line::eligibilityReason).filter(Objects::nonNull)
                    .filter(r -> !r.isBlank()).distinct().toList();
        }
        return reasons.isEmpty() ? "every line accepted by the rules" : String.join("; ", reasons);
    }

    /** The template with its placeholders filled; an unknown placeholder stays as written. */
    static String fill(String template, Map<String, String> facts) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = facts.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
