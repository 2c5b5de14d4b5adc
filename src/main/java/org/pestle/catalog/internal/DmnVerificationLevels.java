package org.pestle.catalog.internal;

import java.util.Collection;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.pestle.catalog.VerificationLevel;
import org.pestle.catalog.VerificationLevels;
import org.pestle.rules.DecisionTables;
import org.springframework.stereotype.Service;

/** The verification level of an order from decisions/verification-level.dmn. */
@Service
class DmnVerificationLevels implements VerificationLevels {

    static final String DECISION = "Decision_VerificationLevel";

    private final DecisionTables decisions;

    DmnVerificationLevels(DecisionTables decisions) {
        this.decisions = decisions;
    }

    @Override
    public VerificationLevel forSchedules(Collection<Integer> controlledSchedules) {
        int mostRestrictive = controlledSchedules.stream().filter(s -> s != null && s >= 2 && s <= 5)
                .mapToInt(Integer::intValue).min().orElse(0);
        DmnDecisionResultEntries result = decisions.evaluateSingle(DECISION,
                Map.of("controlledSchedule", mostRestrictive));
        Boolean second = result.getEntry("secondPharmacist");
        return new VerificationLevel(Boolean.TRUE.equals(second), result.getEntry("reason"));
    }
}
