package org.pestle.refills.internal;

import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.pestle.rules.DecisionTables;
import org.springframework.stereotype.Component;

/** Typed inputs and outcomes of decisions/refill-reminder-timing.dmn and decisions/refill-eligibility.dmn. */
@Component
class RefillDecisions {

    static final String TIMING = "Decision_RefillReminderTiming";
    static final String ELIGIBILITY = "Decision_RefillEligibility";

    private final DecisionTables tables;

    RefillDecisions(DecisionTables tables) {
        this.tables = tables;
    }

    /** When to remind: days before run-out, and days to wait for an answer before the next step. */
    record Timing(int reminderLeadDays, int secondReminderAfterDays) {
    }

    /** Whether the refill may be ordered, or the prescriber must renew, and why (a code). */
    record Eligibility(boolean eligible, boolean renewal, String reason) {
    }

    Timing timing(int leadDays, int daysSupply, boolean maintenance, int controlledSchedule) {
        DmnDecisionResultEntries result = tables.evaluateSingle(TIMING, Map.of("leadDays", leadDays,
                "daysSupply", daysSupply, "maintenance", maintenance, "controlledSchedule", controlledSchedule));
        return new Timing(Math.max(0, ((Number) result.getEntry("reminderLeadDays")).intValue()),
                Math.max(1, ((Number) result.getEntry("secondReminderAfterDays")).intValue()));
    }

    Eligibility eligibility(int controlledSchedule, int refillsLeft, int refillNumber, long prescriptionAgeDays,
            double suppliedShare) {
        DmnDecisionResultEntries result = tables.evaluateSingle(ELIGIBILITY, Map.of("controlledSchedule",
                controlledSchedule, "refillsLeft", refillsLeft, "refillNumber", refillNumber, "prescriptionAgeDays",
                (int) prescriptionAgeDays, "suppliedShare", suppliedShare));
        return new Eligibility((Boolean) result.getEntry("eligible"), (Boolean) result.getEntry("renewal"),
                (String) result.getEntry("reason"));
    }
}
