package org.pestle.ordering.internal;

import java.math.BigDecimal;
import java.util.UUID;

import org.pestle.ordering.EligibilityOutcome;
import org.pestle.ordering.LineStatus;
import org.springframework.data.relational.core.mapping.Table;

/** One compounded medication on an order. */
@Table("order_line")
record OrderLine(UUID compoundId, BigDecimal quantity, int daysSupply, String sig, int refillsAuthorized,
        LineStatus status, String eligibilityOutcome, String eligibilityReason) {

    static OrderLine of(UUID compoundId, BigDecimal quantity, int daysSupply, String sig, int refillsAuthorized) {
        return new OrderLine(compoundId, quantity, daysSupply, sig, refillsAuthorized, LineStatus.PENDING, null, null);
    }

    OrderLine withEligibility(EligibilityOutcome outcome, String reason) {
        return new OrderLine(compoundId, quantity, daysSupply, sig, refillsAuthorized, LineStatus.ofEligibility(outcome),
                outcome.code(), reason);
    }

    OrderLine withStatus(LineStatus next) {
        return new OrderLine(compoundId, quantity, daysSupply, sig, refillsAuthorized, next, eligibilityOutcome,
                eligibilityReason);
    }
}
