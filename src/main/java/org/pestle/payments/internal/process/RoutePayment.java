package org.pestle.payments.internal.process;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.payments.internal.PaymentRouting;
import org.springframework.stereotype.Component;

/** Task_RoutePayment: evaluates the payment-routing decision and opens the order's payment. */
@Component("routePayment")
class RoutePayment implements JavaDelegate {

    private final PaymentRouting routing;

    RoutePayment(PaymentRouting routing) {
        this.routing = routing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PaymentRouting.Routed routed = routing.route(PaymentProcess.orderId(execution), execution.getProcessInstanceId());
        execution.setVariable(PaymentProcess.PAYMENT_ID, routed.paymentId().toString());
        execution.setVariable(PaymentProcess.ROUTE, routed.route().name());
        execution.setVariable(PaymentProcess.ROUTE_REASON, routed.reason());
        execution.setVariable(PaymentProcess.REMINDER_AT, Date.from(routed.reminderAt()));
        execution.setVariable(PaymentProcess.EXPIRES_AT, Date.from(routed.expiresAt()));
    }
}
