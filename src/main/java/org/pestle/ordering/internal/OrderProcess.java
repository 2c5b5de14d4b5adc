package org.pestle.ordering.internal;

import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.pestle.ordering.CancellationReason;
import org.springframework.stereotype.Component;

/**
 * Adapter to processes/order-fulfillment.bpmn: starts it and names its variables. Variables carry
 * identifiers and codes only, never patient data.
 */
@Component
class OrderProcess {

    static final String PROCESS_KEY = "Process_OrderFulfillment";
    static final String ORDER_ID = "orderId";
    static final String ORDER_NUMBER = "orderNumber";
    static final String CLINIC_ID = "clinicId";
    static final String PRESCRIBER_USER_ID = "prescriberUserId";
    static final String ELIGIBILITY = "eligibility";
    static final String VERIFICATION_DECISION = "verificationDecision";
    /** Whether a second pharmacist verifies and checks (decisions/verification-level.dmn, once per order). */
    static final String SECOND_PHARMACIST_REQUIRED = "secondPharmacistRequired";
    static final String FIRST_VERIFIED_BY = "firstVerifiedBy";
    static final String SECOND_VERIFICATION_DECISION = "secondVerificationDecision";
    static final String REJECTION_REASON = "rejectionReason";
    static final String CLARIFICATION_QUESTION = "clarificationQuestion";
    static final String CLARIFICATION_ANSWER = "clarificationAnswer";
    static final String CANCELLATION_REASON = "cancellationReason";
    static final String MSG_ORDER_CANCELLED = "OrderCancelled";

    private final RuntimeService runtime;

    OrderProcess(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Starts fulfillment of a saved order, in the caller's transaction; the order number is the business key. */
    void start(PharmacyOrder order, String prescriberUsername) {
        runtime.startProcessInstanceByKey(PROCESS_KEY, String.valueOf(order.orderNumber()), Map.of(
                ORDER_ID, order.id().toString(),
                ORDER_NUMBER, String.valueOf(order.orderNumber()),
                CLINIC_ID, order.clinicId().toString(),
                PRESCRIBER_USER_ID, prescriberUsername));
    }

    /**
     * Cancels the order's running fulfillment process (its cancellation event subprocess marks the
     * order cancelled), in the caller's transaction. False when no process of the order is running.
     */
    boolean cancel(PharmacyOrder order, CancellationReason reason) {
        long running = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(String.valueOf(order.orderNumber())).count();
        if (running == 0) {
            return false;
        }
        runtime.createMessageCorrelation(MSG_ORDER_CANCELLED)
                .processInstanceBusinessKey(String.valueOf(order.orderNumber()))
                .setVariable(CANCELLATION_REASON, reason.name())
                .correlateWithResult();
        return true;
    }

    static UUID orderId(VariableScope scope) {
        return UUID.fromString((String) scope.getVariable(ORDER_ID));
    }

    /** The coded reason a cancelled order carries (set by the cancellation message or the payment process). */
    static CancellationReason cancellationReason(VariableScope scope) {
        return CancellationReason.valueOf((String) scope.getVariable(CANCELLATION_REASON));
    }
}
