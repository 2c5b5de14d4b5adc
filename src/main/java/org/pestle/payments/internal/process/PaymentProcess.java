package org.pestle.payments.internal.process;

import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.pestle.payments.internal.Payment;
import org.springframework.stereotype.Component;

/**
 * Adapter to processes/payment.bpmn: its variables and messages. Variables carry identifiers and
 * codes only.
 */
@Component
public class PaymentProcess {

    static final String PROCESS_KEY = "Process_Payment";
    static final String ORDER_ID = "orderId";
    static final String PAYMENT_ID = "paymentId";
    static final String ROUTE = "paymentRoute";
    static final String ROUTE_REASON = "paymentRouteReason";
    static final String REMINDER_AT = "reminderAt";
    static final String EXPIRES_AT = "expiresAt";
    static final String CARD_CAPTURED = "cardCaptured";
    static final String BILLING_DECISION = "billingDecision";
    static final String OUTCOME = "paymentOutcome";
    static final String CANCELLATION_REASON = "cancellationReason";
    public static final String MSG_SUCCEEDED = "PaymentSucceeded";
    public static final String MSG_FAILED = "PaymentFailed";

    private final RuntimeService runtime;

    PaymentProcess(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * Delivers a message to the payment's process if it is waiting for it, in the caller's
     * transaction. False when it is not waiting (yet): the caller keeps the event for later.
     */
    public boolean deliver(Payment payment, String message) {
        if (payment.processInstanceId() == null || runtime.createEventSubscriptionQuery()
                .processInstanceId(payment.processInstanceId()).eventType("message").eventName(message).count() == 0) {
            return false;
        }
        runtime.createMessageCorrelation(message).processInstanceId(payment.processInstanceId()).correlateWithResult();
        return true;
    }

    static UUID paymentId(VariableScope scope) {
        return UUID.fromString((String) scope.getVariable(PAYMENT_ID));
    }

    static UUID orderId(VariableScope scope) {
        return UUID.fromString((String) scope.getVariable(ORDER_ID));
    }
}
