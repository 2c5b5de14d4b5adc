package org.pestle.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pestle.audit.ActivityFeed;
import org.pestle.audit.internal.ActivitySentences.Names;
import org.pestle.audit.internal.ActivitySentences.Told;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.DataElement;
import org.pestle.identity.People;
import org.pestle.identity.Permissions;
import org.pestle.ordering.Orders;
import org.pestle.patients.Patients;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The activity feed, read from the audit trail. The permission matrix decides which kinds of action a
 * viewer sees (orders and payments: those who read orders; patients: those who view patients; access,
 * rules and exports: those who manage users, edit rules or view the audit trail), whether names of
 * patients and amounts appear, and row-level security keeps clinic users to their own clinics' records.
 */
@Service
class RecentActivity implements ActivityFeed {

    static final int MAX_LIMIT = 100;
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm", Locale.US);
    private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.US);
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Permissions permissions;
    private final Orders orders;
    private final People people;
    private final Patients patients;
    private final Clinics clinics;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;

    RecentActivity(JdbcClient jdbc, Permissions permissions, Orders orders, People people, Patients patients,
            Clinics clinics, ObjectMapper json, Clock clock, @Value("${pestle.time-zone:America/New_York}") ZoneId zone) {
        this.jdbc = jdbc;
        this.permissions = permissions;
        this.orders = orders;
        this.people = people;
        this.patients = patients;
        this.clinics = clinics;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
    }

    /** The kinds of action this viewer's roles may see in the feed. */
    Set<String> visibleActions(Actor viewer) {
        Set<String> actions = new HashSet<>();
        if (orders.readsOrders(viewer)) {
            actions.addAll(ActivitySentences.ORDER_ACTIONS);
        }
        if (permissions.canDo(viewer, Action.VIEW_PATIENTS) || permissions.canDo(viewer, Action.EDIT_PATIENTS)) {
            actions.addAll(ActivitySentences.PATIENT_ACTIONS);
        }
        boolean audits = permissions.canDo(viewer, Action.VIEW_AUDIT);
        if (audits || permissions.canDo(viewer, Action.MANAGE_USERS)) {
            actions.addAll(ActivitySentences.ACCESS_ACTIONS);
        }
        if (audits || permissions.canDo(viewer, Action.EDIT_RULES)) {
            actions.addAll(ActivitySentences.RULE_ACTIONS);
        }
        if (audits) {
            actions.addAll(ActivitySentences.DISCLOSURE_ACTIONS);
        }
        if (permissions.canDo(viewer, Action.VIEW_RECALLS)) {
            actions.addAll(ActivitySentences.RECALL_ACTIONS);
        }
        if (permissions.canDo(viewer, Action.VIEW_STOCK)) {
            actions.addAll(ActivitySentences.STOCK_ACTIONS);
        }
        return actions;
    }

    @Override
    @Transactional
    public List<Activity> recent(Actor viewer, int limit) {
        return feed(viewer, visibleActions(viewer), null, limit);
    }

    @Override
    @Transactional
    public List<Activity> within(Actor viewer, java.time.Duration window, Kind kind, int limit) {
        Set<String> visible = new HashSet<>(visibleActions(viewer));
        if (kind != null) {
            visible.removeIf(action -> ActivitySentences.kindOf(action) != kind);
        }
        return feed(viewer, visible, window, limit);
    }

    @Override
    @Transactional
    public List<Activity> ofOrder(Actor viewer, UUID orderId) {
        Set<String> visible = visibleActions(viewer);
        if (!visible.containsAll(ActivitySentences.ORDER_ACTIONS)) {
            return List.of();
        }
        // the order's own records, and those of its payments and compounding, which name it in their details;
        // a failed payment is part of its story
        List<Row> rows = jdbc.sql("""
                select seq, recorded_at, actor, actor_role, action, entity_type, entity_id, patient_id, clinic_id,
                       details::text as details
                from audit_record
                where action = any (?) and outcome in ('success', 'failed')
                  and ((entity_type = 'order' and entity_id = ?) or details ->> 'orderId' = ?)
                order by seq limit 500""")
                .params(ActivitySentences.ORDER_ACTIONS.toArray(String[]::new), orderId.toString(), orderId.toString())
                .query(this::row).list();
        return activities(viewer, rows);
    }

    private record Row(long seq, Instant at, Told told) {
    }

    private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getLong("seq"), rs.getTimestamp("recorded_at").toInstant(),
                new Told(rs.getString("actor"), rs.getString("actor_role"), rs.getString("action"),
                        rs.getString("entity_type"), rs.getString("entity_id"),
                        rs.getObject("patient_id", UUID.class), rs.getObject("clinic_id", UUID.class),
                        details(rs.getString("details"))));
    }

    private List<Activity> feed(Actor viewer, Set<String> visible, java.time.Duration since, int limit) {
        if (visible.isEmpty()) {
            return List.of();
        }
        int size = Math.max(1, Math.min(limit, MAX_LIMIT));
        String[] actions = visible.toArray(String[]::new);
        String recent = """
                select seq, recorded_at, actor, actor_role, action, entity_type, entity_id, patient_id, clinic_id,
                       details::text as details
                from audit_record where action = any (?) and outcome = 'success'""" + (since == null ? ""
                : " and recorded_at >= clock_timestamp() - make_interval(secs => ?)");
        String sql;
        List<Object> params = new ArrayList<>();
        if (viewer.pharmacySide()) {
            sql = recent + " order by seq desc limit ?";
            params.add(actions);
            addSince(params, since);
            params.add(size);
        } else {
            // clinic users: row-level security would keep them to their clinics anyway, but only by
            // filtering the whole trail; each clinic's newest records come from (clinic_id, seq) instead
            List<UUID> clinicIds = List.copyOf(viewer.clinicIds());
            if (clinicIds.isEmpty()) {
                return List.of();
            }
            StringBuilder union = new StringBuilder("select * from (");
            for (int i = 0; i < clinicIds.size(); i++) {
                union.append(i == 0 ? "" : " union all ").append('(').append(recent)
                        .append(" and clinic_id = ? order by seq desc limit ?)");
                params.add(actions);
                addSince(params, since);
                params.add(clinicIds.get(i));
                params.add(size);
            }
            sql = union.append(") found order by seq desc limit ?").toString();
            params.add(size);
        }
        List<Row> rows = jdbc.sql(sql).params(params).query(this::row).list();
        return activities(viewer, rows);
    }

    private static void addSince(List<Object> params, java.time.Duration since) {
        if (since != null) {
            params.add((double) since.toSeconds());
        }
    }

    private List<Activity> activities(Actor viewer, List<Row> rows) {
        Names names = names(viewer, rows.stream().map(Row::told).toList());
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        List<Activity> feed = new ArrayList<>();
        for (Row row : rows) {
            ActivitySentences.sentence(row.told(), names).ifPresent(sentence -> {
                ZonedDateTime local = row.at().atZone(zone);
                String time = (local.toLocalDate().equals(today) ? TODAY : EARLIER).format(local);
                feed.add(new Activity(row.seq(), row.at(), time, sentence, link(row.told())));
            });
        }
        return feed;
    }

    /** The names the sentences may use; patient names only for viewers who may read them, and only where a sentence shows one. */
    private Names names(Actor viewer, List<Told> told) {
        var users = people.byUsername(told.stream().map(Told::actor).filter(a -> !a.startsWith("system"))
                .distinct().toList());
        Map<UUID, String> patientNames = Map.of();
        if (permissions.canRead(viewer, DataElement.PATIENT_NAME)) {
            patientNames = patients.shortNames(told.stream().filter(RecentActivity::namesPatient)
                    .map(Told::patientId).filter(Objects::nonNull).distinct().toList());
        }
        Map<UUID, Optional<String>> clinicNames = new HashMap<>();
        boolean amounts = permissions.canRead(viewer, DataElement.ORDER_PRICE)
                || permissions.canRead(viewer, DataElement.PAYMENT_DETAILS);
        return new Names(users, patientNames,
                id -> clinicNames.computeIfAbsent(id, c -> clinics.find(c).map(Clinic::name)), amounts);
    }

    /** Sentences that name the patient: a self-paid payment, a patient added or updated. */
    private static boolean namesPatient(Told told) {
        return switch (told.action()) {
            case "payment.captured" -> !"CLINIC_CARD".equals(told.details().get("route"));
            case "patient.created", "patient.changed" -> true;
            default -> false;
        };
    }

    private static String link(Told told) {
        if ("order".equals(told.entityType()) && told.entityId() != null) {
            return "/console/orders/" + told.entityId();
        }
        if (told.details().get("orderId") instanceof String orderId) {
            return "/console/orders/" + orderId;
        }
        return switch (told.action()) {
            case "permissions.changed" -> "/console/permissions#history";
            case "clinic-settings.changed" -> told.clinicId() == null ? "/console/clinics"
                    : "/console/clinics/" + told.clinicId();
            case "decision.published", "decision.rolled-back" -> "/console/rules/" + told.entityId();
            case "audit.exported", "patients.exported", "elevated-access.granted", "elevated-access.used",
                    "user.access-changed", "account.locked" -> "/console/audit";
            default -> null;
        };
    }

    private Map<String, Object> details(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, DETAILS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Map.of();
        }
    }
}
