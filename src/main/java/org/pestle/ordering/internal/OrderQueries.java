package org.pestle.ordering.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.pestle.catalog.Catalog;
import org.pestle.catalog.Compound;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.DataElement;
import org.pestle.identity.Permissions;
import org.pestle.ordering.OrderStatus;
import org.pestle.ordering.OrderView;
import org.pestle.ordering.OrderViewed;
import org.pestle.ordering.Orders;
import org.pestle.ordering.Orders.PatientOrder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads orders, scoped to the clinics the actor may access (pharmacy-side users: every clinic). */
@Service
@Transactional(readOnly = true)
class OrderQueries implements Orders {

    private final OrderRepository orders;
    private final Catalog catalog;
    private final Permissions permissions;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    OrderQueries(OrderRepository orders, Catalog catalog, Permissions permissions, JdbcClient jdbc,
            ApplicationEventPublisher events) {
        this.orders = orders;
        this.catalog = catalog;
        this.permissions = permissions;
        this.jdbc = jdbc;
        this.events = events;
    }

    private static final List<Action> READERS = List.of(Action.ORDER, Action.APPROVE, Action.VIEW_PATIENTS,
            Action.CANCEL_ORDER, Action.REFUND);

    @Override
    public boolean readsOrders(Actor actor) {
        return READERS.stream().anyMatch(action -> permissions.canDo(actor, action));
    }

    @Override
    public Optional<OrderView> find(Actor actor, UUID orderId) {
        boolean prices = permissions.canRead(actor, DataElement.ORDER_PRICE);
        return orders.findById(orderId).filter(o -> actor.canAccessClinic(o.clinicId()))
                .map(order -> view(order, prices));
    }

    @Override
    @Transactional
    public Optional<OrderView> open(Actor actor, UUID orderId, String via) {
        boolean prices = permissions.canRead(actor, DataElement.ORDER_PRICE);
        return orders.findById(orderId).filter(o -> actor.canAccessClinic(o.clinicId())).map(order -> {
            events.publishEvent(new OrderViewed(actor.username(), order.id(), order.orderNumber(),
                    order.organizationId(), order.clinicId(), order.patientId(), via));
            return view(order, prices);
        });
    }

    @Override
    public Optional<OrderView> findForSystem(UUID orderId) {
        return orders.findById(orderId).map(order -> view(order, true));
    }

    @Override
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public List<Listed> latest(Actor actor, int limit) {
        if (!readsOrders(actor)) {
            return List.of();
        }
        return list(actor, Optional.empty(), 0, Math.max(1, Math.min(limit, 100))).items().stream()
                .map(o -> new Listed(o.id(), o.orderNumber(), o.clinicId(), o.status(), o.lineCount(), o.createdAt(),
                        o.updatedAt()))
                .toList();
    }

    @Override
    public List<PatientOrder> ofPatient(UUID patientId) {
        Map<UUID, String> names = new HashMap<>();
        return jdbc.sql("""
                select o.order_number, o.status, o.created_at,
                       array(select l.compound_id from order_line l where l.order_id = o.id order by l.line_index)
                           as compounds
                from orders o where o.patient_id = ? order by o.created_at desc""")
                .param(patientId)
                .query((rs, row) -> new PatientOrder(rs.getLong("order_number"),
                        OrderStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
                        Arrays.stream((UUID[]) rs.getArray("compounds").getArray())
                                .map(id -> names.computeIfAbsent(id, this::compoundName)).toList()))
                .list();
    }

    private String compoundName(UUID compoundId) {
        return catalog.find(compoundId).map(Compound::name).orElseThrow();
    }

    /** One page of order summaries, newest first. */
    OrderPage list(Actor actor, Optional<OrderStatus> status, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        status.ifPresent(s -> {
            where.append(" and status = ?");
            params.add(s.name());
        });
        if (!actor.pharmacySide()) {
            where.append(" and clinic_id = any(?)");
            params.add(actor.clinicIds().toArray(UUID[]::new));
        }
        long total = jdbc.sql("select count(*) from orders" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<OrderSummary> items = jdbc.sql("""
                select o.id, o.order_number, o.clinic_id, o.status, o.created_at, o.updated_at,
                       (select count(*) from order_line l where l.order_id = o.id) as line_count
                from orders o""" + where + " order by o.created_at desc, o.order_number desc limit ? offset ?")
                .params(pageParams).query(OrderQueries::summary).list();
        return new OrderPage(items, page, size, total, (total + size - 1) / size);
    }

    private OrderView view(PharmacyOrder order, boolean prices) {
        List<OrderView.Line> lines = new ArrayList<>();
        List<OrderLine> orderLines = order.lines();
        long total = 0;
        for (int i = 0; i < orderLines.size(); i++) {
            OrderLine line = orderLines.get(i);
            Compound compound = catalog.find(line.compoundId()).orElseThrow();
            long price = line.quantity().multiply(BigDecimal.valueOf(compound.priceCents()))
                    .setScale(0, RoundingMode.HALF_UP).longValueExact();
            total += price;
            lines.add(new OrderView.Line(i + 1, compound.id(), compound.code(), compound.name(), line.quantity(),
                    compound.unit(), line.daysSupply(), line.sig(), line.refillsAuthorized(), line.status(),
                    line.eligibilityReason(), prices ? price : null));
        }
        List<OrderView.Review> reviews = jdbc.sql("""
                select action, code, actor, acted_at from order_review where order_id = ? order by acted_at, id""")
                .param(order.id())
                .query((rs, row) -> new OrderView.Review(rs.getString("action"), rs.getString("code"),
                        rs.getString("actor"), rs.getTimestamp("acted_at").toInstant()))
                .list();
        return new OrderView(order.id(), order.orderNumber(), order.clinicId(), order.patientId(),
                order.prescriberId(), order.status(), order.statusReason(), order.eligibility(), order.submittedBy(),
                order.createdAt(), order.updatedAt(), prices ? total : null, lines, reviews);
    }

    private static OrderSummary summary(ResultSet rs, int row) throws SQLException {
        return new OrderSummary(rs.getObject("id", UUID.class), rs.getLong("order_number"),
                rs.getObject("clinic_id", UUID.class), OrderStatus.valueOf(rs.getString("status")),
                rs.getInt("line_count"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    /** An order in a list. */
    record OrderSummary(UUID id, long orderNumber, UUID clinicId, OrderStatus status, int lineCount,
            java.time.Instant createdAt, java.time.Instant updatedAt) {
    }

    /** One page of a list. */
    record OrderPage(List<OrderSummary> items, int page, int size, long totalItems, long totalPages) {
    }
}
