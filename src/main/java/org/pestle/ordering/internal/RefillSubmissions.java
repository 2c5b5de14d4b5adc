package org.pestle.ordering.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.ordering.OrderCreated;
import org.pestle.ordering.RefillOrders;
import org.pestle.tenancy.Prescriber;
import org.pestle.tenancy.Prescribers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places refill orders: the order is saved whole with its link to the prescription and its fulfillment process
 * started in the caller's transaction, like a submitted order. The unique refill link makes a repeat a no-op.
 */
@Service
class RefillSubmissions implements RefillOrders {

    private final OrderRepository orders;
    private final OrderProcess process;
    private final Prescribers prescribers;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    RefillSubmissions(OrderRepository orders, OrderProcess process, Prescribers prescribers, JdbcClient jdbc,
            ApplicationEventPublisher events) {
        this.orders = orders;
        this.process = process;
        this.prescribers = prescribers;
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Placed place(Refill refill) {
        Optional<Placed> earlier = jdbc.sql("""
                select id, order_number from orders
                where refill_of_order_id = ? and refill_of_line = ? and refill_number = ?""")
                .params(refill.prescriptionOrderId(), refill.prescriptionLine(), refill.refillNumber())
                .query((rs, row) -> new Placed(rs.getObject(1, UUID.class), rs.getLong(2), true)).optional();
        if (earlier.isPresent()) {
            return earlier.get();
        }
        PharmacyOrder dispensed = orders.findById(refill.dispensedOrderId())
                .orElseThrow(() -> new IllegalArgumentException("No order " + refill.dispensedOrderId()));
        if (refill.dispensedLine() < 1 || refill.dispensedLine() > dispensed.lines().size()) {
            throw new IllegalArgumentException("Order " + dispensed.orderNumber() + " has no line "
                    + refill.dispensedLine());
        }
        OrderLine line = dispensed.lines().get(refill.dispensedLine() - 1);
        Prescriber prescriber = prescribers.find(dispensed.prescriberId()).orElseThrow();
        long number = jdbc.sql("select nextval('order_number_seq')").query(Long.class).single();
        PharmacyOrder order = orders.save(PharmacyOrder.submit(number, dispensed.organizationId(),
                dispensed.clinicId(), dispensed.patientId(), dispensed.prescriberId(), refill.requestedBy(),
                List.of(OrderLine.of(line.compoundId(), line.quantity(), line.daysSupply(), line.sig(),
                        refill.refillsLeftAfter()))));
        jdbc.sql("update orders set refill_of_order_id = ?, refill_of_line = ?, refill_number = ? where id = ?")
                .params(refill.prescriptionOrderId(), refill.prescriptionLine(), refill.refillNumber(), order.id())
                .update();
        process.start(order, prescriber.username());
        events.publishEvent(new OrderCreated(order.id(), number, order.organizationId(), order.clinicId(),
                order.patientId(), order.prescriberId(), refill.requestedBy(), null, 1));
        return new Placed(order.id(), number, false);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<RefillOf> refillOf(UUID orderId) {
        return jdbc.sql("""
                select refill_of_order_id, refill_of_line, refill_number from orders
                where id = ? and refill_of_order_id is not null""").param(orderId)
                .query((rs, row) -> new RefillOf(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3)))
                .optional();
    }
}
