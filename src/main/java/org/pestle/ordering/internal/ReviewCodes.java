package org.pestle.ordering.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * The coded answers of the verification and clarification forms. Forms carry codes, never free
 * text; these lists must match the select options in forms/*.form (a test checks that they do).
 */
final class ReviewCodes {

    private ReviewCodes() {
    }

    enum VerificationDecision {
        APPROVE("approve"), REJECT("reject"), CLARIFY("clarify");

        private final String value;

        VerificationDecision(String value) {
            this.value = value;
        }

        String value() {
            return value;
        }

        static Optional<VerificationDecision> of(Object value) {
            return Arrays.stream(values()).filter(d -> d.value.equals(value)).findFirst();
        }
    }

    enum RejectionReason {
        NOT_CLINICALLY_APPROPRIATE, DOSE_OUT_OF_RANGE, DRUG_INTERACTION, DUPLICATE_THERAPY, NOT_APPROVED_FOR_CLINIC,
        PRESCRIBER_NOT_AUTHORIZED, OTHER
    }

    enum ClarificationQuestion {
        CONFIRM_STRENGTH, CONFIRM_QUANTITY, CONFIRM_DIRECTIONS, CONFIRM_ALLERGIES, CONFIRM_DIAGNOSIS
    }

    enum ClarificationAnswer {
        CONFIRMED_AS_WRITTEN, WILL_AMEND_ORDER, CANNOT_CONFIRM
    }

    /** The constant of {@code type} named by a form value, if the value is one of them. */
    static <E extends Enum<E>> Optional<E> code(Class<E> type, Object value) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(value)).findFirst();
    }
}
