package org.pestle.rules;

import java.time.Instant;

/**
 * An admin's change to a decision table was deployed as a new decision version; new evaluations use it.
 *
 * @param decisionKey the decision, e.g. {@code Decision_OrderEligibility}
 * @param version the new decision version
 * @param previousVersion the version it replaced
 * @param publishedBy who published it
 * @param approvedBy the second admin who approved it, or null where no approval is required
 * @param at when
 */
public record DecisionPublished(String decisionKey, int version, int previousVersion, String publishedBy,
        String approvedBy, Instant at) {
}
