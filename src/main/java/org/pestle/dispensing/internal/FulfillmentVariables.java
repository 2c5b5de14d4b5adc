package org.pestle.dispensing.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of the fulfillment steps in processes/order-fulfillment.bpmn and the codes their forms
 * offer (a test checks that the forms offer exactly these). Identifiers and codes only.
 */
final class FulfillmentVariables {

    static final String ORDER_ID = "orderId";
    static final String COMPOUNDING_CONFIRMED = "compoundingConfirmed";
    static final String COMPOUNDED_BY = "compoundedBy";
    static final String FINAL_CHECK_DECISION = "finalCheckDecision";
    static final String SEND_BACK_REASON = "sendBackReason";
    static final String LOT_DISPOSITION = "lotDisposition";
    static final String CONTROLLED = "controlled";
    /** Set by the eligibility step from decisions/verification-level.dmn: a second pharmacist also checks. */
    static final String SECOND_PHARMACIST_REQUIRED = "secondPharmacistRequired";
    static final String FIRST_CHECKED_BY = "firstCheckedBy";
    static final String PICKED_UP_BY = "pickedUpBy";
    static final String ID_DOCUMENT = "idDocument";
    /** The handover form's choice: {@link Handover}. */
    static final String HANDOVER = "handover";
    static final String CARRIER = "carrier";
    static final String TRACKING_NUMBER = "trackingNumber";
    static final String DELIVERY_CONFIRMED = "deliveryConfirmed";
    static final String RETURN_REASON = "returnReason";
    static final String PREPARATION_DESTROYED = "preparationDestroyed";
    /** The pickup reminder to send next (1 for the first), and what decisions/pickup-reminders.dmn says after it. */
    static final String PICKUP_REMINDER_NUMBER = "pickupReminderNumber";
    static final String MORE_PICKUP_REMINDERS = "morePickupReminders";
    static final String NEXT_PICKUP_REMINDER_IN = "nextPickupReminderIn";

    /** What one round of compounding and checking sets, cleared when the order is compounded again. */
    static final java.util.List<String> OF_A_ROUND = java.util.List.of(COMPOUNDING_CONFIRMED, COMPOUNDED_BY,
            FINAL_CHECK_DECISION, SEND_BACK_REASON, LOT_DISPOSITION, FIRST_CHECKED_BY);

    private FulfillmentVariables() {
    }

    static UUID orderId(VariableScope scope) {
        return UUID.fromString((String) scope.getVariable(ORDER_ID));
    }

    /** The final check's decision, as the form's radio values. */
    enum FinalCheckDecision {
        APPROVE("approve"), SEND_BACK("sendBack");

        private final String value;

        FinalCheckDecision(String value) {
            this.value = value;
        }

        String value() {
            return value;
        }

        static Optional<FinalCheckDecision> of(Object value) {
            return Arrays.stream(values()).filter(d -> d.value.equals(value)).findFirst();
        }
    }

    /** How a ready order is handed over, as the handover form's radio values. */
    enum Handover {
        PICKUP, SHIP
    }

    /** The constant of {@code type} named by a form value, if the value is one of them. */
    static <E extends Enum<E>> Optional<E> code(Class<E> type, Object value) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(value)).findFirst();
    }
}
