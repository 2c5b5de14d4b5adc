package org.pestle.rules;

import java.time.Instant;

/**
 * A release shipped a changed decision table that an admin had also changed: the admin's version stays in force and
 * the shipped change waits in the console to be merged.
 *
 * @param decisionKey the decision
 * @param inForceVersion the admin's version that stays in force
 * @param at when the release was started
 */
public record ShippedDecisionPending(String decisionKey, int inForceVersion, Instant at) {
}
