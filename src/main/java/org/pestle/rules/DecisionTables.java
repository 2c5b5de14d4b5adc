package org.pestle.rules;

import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Evaluates a decision table of {@code decisions/} by key, in its latest deployed version (so an
 * admin's published change applies to the next evaluation). The one adapter to Camunda's decision
 * service; modules keep their own typed inputs and outcomes.
 */
@Component
public class DecisionTables {

    private final DecisionService decisions;

    DecisionTables(DecisionService decisions) {
        this.decisions = decisions;
    }

    /**
     * The single result of a table whose hit policy yields one.
     *
     * @param decisionKey the decision's id, e.g. {@code Decision_OrderEligibility}
     * @param inputs every input the table reads (a missing input would fall through to a catch-all rule)
     * @throws IllegalStateException when no rule matched
     */
    public DmnDecisionResultEntries evaluateSingle(String decisionKey, Map<String, Object> inputs) {
        DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(decisionKey)
                .variables(Variables.fromMap(inputs)).evaluate().getSingleResult();
        if (result == null) {
            throw new IllegalStateException(decisionKey + " matched no rule");
        }
        return result;
    }
}
