package org.pestle.refills.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.ordering.Orders;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's refill page: per clinic, reminders sent, answered and refills ordered, and each dispensed
 * line's refill state (by order number; the order's page shows the patient as the permission matrix allows).
 * Rows come through the caller's data scope, so a clinic user sees their clinics' refills only.
 */
@Controller
class RefillPages {

    private static final int MAX_LISTED = 200;

    private final JdbcClient jdbc;
    private final Orders orders;
    private final Clinics clinics;

    RefillPages(JdbcClient jdbc, Orders orders, Clinics clinics) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.clinics = clinics;
    }

    /** One clinic's counts. */
    record ClinicCounts(UUID clinicId, String clinic, long lines, long remindersSent, long answered, long ordered,
            long open) {
    }

    /** One dispensed line's refill state. */
    record LineState(UUID clinicId, String clinic, long orderNumber, UUID orderId, int line, int refillNumber,
            int refillsLeft, LocalDate runsOutOn, Instant reminderDueAt, String state, String reason,
            int remindersSent, UUID refillOrderId) {
    }

    @GetMapping("/console/refills")
    @Transactional(readOnly = true)
    String refills(Model model, HttpServletResponse response) {
        Actor actor = CurrentActor.require();
        if (!orders.readsOrders(actor)) {
            response.setStatus(403);
            model.addAttribute("status", 403);
            return "error";
        }
        Map<UUID, String> names = new LinkedHashMap<>();
        List<ClinicCounts> counts = jdbc.sql("""
                select clinic_id, count(*) as lines, coalesce(sum(reminders_sent), 0) as reminders,
                       count(answered_at) as answered, count(*) filter (where state = 'ORDERED') as ordered,
                       count(*) filter (where state in ('SCHEDULED', 'REMINDED', 'REMINDED_AGAIN', 'PAUSED',
                                                        'ADHERENCE_CALL', 'RENEWAL_REQUESTED')) as open
                from refill group by clinic_id""")
                .query((rs, n) -> {
                    UUID clinic = rs.getObject("clinic_id", UUID.class);
                    return new ClinicCounts(clinic, name(names, clinic), rs.getLong("lines"), rs.getLong("reminders"),
                            rs.getLong("answered"), rs.getLong("ordered"), rs.getLong("open"));
                }).list().stream().sorted(java.util.Comparator.comparing(ClinicCounts::clinic)).toList();
        List<LineState> lines = jdbc.sql("""
                select clinic_id, dispensed_order_number, dispensed_order_id, dispensed_line, refill_number, refills_left,
                       runs_out_on, reminder_due_at, state, state_reason, reminders_sent, refill_order_id
                from refill order by runs_out_on, dispensed_order_number, dispensed_line limit ?""")
                .param(MAX_LISTED)
                .query((rs, n) -> {
                    UUID clinic = rs.getObject("clinic_id", UUID.class);
                    java.sql.Timestamp due = rs.getTimestamp("reminder_due_at");
                    return new LineState(clinic, name(names, clinic), rs.getLong("dispensed_order_number"),
                            rs.getObject("dispensed_order_id", UUID.class), rs.getInt("dispensed_line"),
                            rs.getInt("refill_number"), rs.getInt("refills_left"),
                            rs.getObject("runs_out_on", LocalDate.class), due == null ? null : due.toInstant(),
                            rs.getString("state"), rs.getString("state_reason"), rs.getInt("reminders_sent"),
                            rs.getObject("refill_order_id", UUID.class));
                }).list();
        model.addAttribute("counts", counts);
        model.addAttribute("lines", lines);
        model.addAttribute("maxListed", MAX_LISTED);
        return "refills/console";
    }

    private String name(Map<UUID, String> names, UUID clinic) {
        return names.computeIfAbsent(clinic, id -> clinics.find(id).map(Clinic::name).orElse(id.toString()));
    }
}
