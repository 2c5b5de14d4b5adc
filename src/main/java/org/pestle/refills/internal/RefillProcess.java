package org.pestle.refills.internal;

import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Adapter to processes/refill-reminder.bpmn: starts it and correlates the patient's answers. Variables carry
 * identifiers and codes only; the business key is {@code refill:<refill id>}.
 */
@Component
class RefillProcess {

    static final String PROCESS_KEY = "Process_RefillReminder";
    static final String REFILL_ID = "refillId";
    static final String REMINDER_DUE_AT = "reminderDueAt";
    static final String ANSWER_WAIT = "answerWait";
    static final String RENEWAL_REQUIRED = "renewalRequired";
    static final String MAINTENANCE = "maintenance";
    static final String MAY_TEXT = "mayText";
    static final String REFILL_ELIGIBLE = "refillEligible";
    static final String REFILL_REASON = "refillReason";
    static final String PRESCRIBER_USER_ID = "prescriberUserId";
    static final String CLINIC_ID = "clinicId";
    static final String MSG_REFILL_REQUESTED = "RefillRequested";
    static final String MSG_REFILL_PAUSED = "RefillPaused";
    static final String MSG_TEXTS_REVOKED = "TextsRevoked";

    private final RuntimeService runtime;

    RefillProcess(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Starts the reminder process of a saved refill, in the caller's transaction; its first step runs as a job. */
    String start(RefillRow refill) {
        return runtime.startProcessInstanceByKey(PROCESS_KEY, businessKey(refill.id()), Map.of(
                REFILL_ID, refill.id().toString(),
                CLINIC_ID, refill.clinicId().toString(),
                "orderNumber", String.valueOf(refill.dispensedOrderNumber()),
                "dispensedOrderId", refill.dispensedOrderId().toString())).getId();
    }

    /**
     * Delivers the patient's request, pause or revocation to the refill's process, in the caller's transaction.
     * False when the process is not waiting for it (already answered, ended, or not yet reminded for a pause).
     */
    boolean correlate(UUID refillId, String message, String via) {
        var waiting = runtime.createExecutionQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(businessKey(refillId)).messageEventSubscriptionName(message).list();
        if (waiting.isEmpty()) {
            return false;
        }
        runtime.createMessageCorrelation(message).processInstanceBusinessKey(businessKey(refillId))
                .setVariable("answeredVia", via).correlateAllWithResult();
        return true;
    }

    static String businessKey(UUID refillId) {
        return "refill:" + refillId;
    }

    static UUID refillId(VariableScope scope) {
        return UUID.fromString((String) scope.getVariable(REFILL_ID));
    }
}
