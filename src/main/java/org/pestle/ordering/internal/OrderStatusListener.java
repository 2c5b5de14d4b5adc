package org.pestle.ordering.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.pestle.ordering.CancellationReason;
import org.pestle.ordering.OrderApproved;
import org.pestle.ordering.OrderCancelled;
import org.pestle.ordering.OrderPaid;
import org.pestle.ordering.OrderRejected;
import org.pestle.ordering.OrderStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Keeps the order's status in step with the process: the BPMN calls
 * {@code ${orderStatus.mark(execution, 'IN_REVIEW')}} as an execution listener where a step begins,
 * and {@code ${orderStatus.cancel(execution)}} where the order ends cancelled.
 */
@Component("orderStatus")
public class OrderStatusListener {

    private final OrderRepository orders;
    private final ApplicationEventPublisher events;

    OrderStatusListener(OrderRepository orders, ApplicationEventPublisher events) {
        this.orders = orders;
        this.events = events;
    }

    /** Moves the process's order to {@code status} (a name of {@link OrderStatus}). */
    public void mark(DelegateExecution execution, String status) {
        OrderStatus next = OrderStatus.valueOf(status);
        PharmacyOrder order = orders.findById(OrderProcess.orderId(execution)).orElseThrow();
        order.moveTo(next);
        orders.save(order);
        if (next == OrderStatus.AWAITING_PAYMENT) {
            events.publishEvent(new OrderApproved(order.id(), order.orderNumber(), order.organizationId(),
                    order.clinicId(), order.patientId()));
        } else if (next == OrderStatus.PAID) {
            events.publishEvent(new OrderPaid(order.id(), order.orderNumber(), order.organizationId(),
                    order.clinicId(), order.patientId()));
        } else if (next == OrderStatus.REJECTED) {
            events.publishEvent(new OrderRejected(order.id(), order.orderNumber(), order.organizationId(),
                    order.clinicId(), order.patientId(), order.statusReason()));
        }
    }

    /** Cancels the process's order with the coded reason in the variable {@code cancellationReason}. */
    public void cancel(DelegateExecution execution) {
        CancellationReason reason = CancellationReason.valueOf(
                (String) execution.getVariable(OrderProcess.CANCELLATION_REASON));
        PharmacyOrder order = orders.findById(OrderProcess.orderId(execution)).orElseThrow();
        OrderStatus previous = order.status();
        if (previous == OrderStatus.CANCELLED) {
            return;
        }
        order.cancel(reason.name());
        orders.save(order);
        events.publishEvent(new OrderCancelled(order.id(), order.orderNumber(), order.organizationId(),
                order.clinicId(), order.patientId(), reason, previous));
    }
}
