package org.pestle.rules;

import java.time.Instant;

/**
 * An admin restored an earlier version of a decision table; it was deployed as a new decision version.
 *
 * @param decisionKey the decision
 * @param version the new decision version
 * @param restoredVersion the earlier version whose content it carries
 * @param previousVersion the version it replaced
 * @param rolledBackBy who
 * @param at when
 */
public record DecisionRolledBack(String decisionKey, int version, int restoredVersion, int previousVersion,
        String rolledBackBy, Instant at) {
}
