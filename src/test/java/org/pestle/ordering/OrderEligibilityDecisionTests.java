package org.pestle.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.test.junit5.DmnEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * decisions/order-eligibility.dmn, one test per rule row, on the DMN engine configured as the
 * application runs it (legacy FEEL). Each test starts from an order line that passes every rule
 * and changes only what the row is about, then checks the row that matched (FIRST hit policy).
 */
class OrderEligibilityDecisionTests {

    private static final List<String> MATCHED = new ArrayList<>();

    @RegisterExtension
    static DmnEngineExtension dmn = DmnEngineExtension.forConfiguration(configuration());

    DmnEngine dmnEngine;
    DmnDecision decision;
    Map<String, Object> line;

    @BeforeEach
    void parseTheTableAndStartFromAnAcceptableLine() throws Exception {
        try (InputStream table = getClass().getResourceAsStream("/decisions/order-eligibility.dmn")) {
            decision = dmnEngine.parseDecision("Decision_OrderEligibility", table);
        }
        MATCHED.clear();
        line = new HashMap<>(Map.of(
                "approvedCompoundsOnly", true,
                "compoundApprovedForClinic", true,
                "controlledSchedule", 0,
                "prescriberHasDea", false,
                "quantity", 30.0,
                "daysSupply", 30,
                "refillsAuthorized", 2));
    }

    @Test
    void tableHasTheTenRowsTestedHere() {
        assertThat(decision.getDecisionLogic()).isInstanceOf(org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl.class);
        var table = (org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl) decision.getDecisionLogic();
        assertThat(table.getRules()).extracting(r -> r.getId()).containsExactly(
                "Rule_CompoundNotApprovedForClinic", "Rule_ControlledWithoutDea", "Rule_ScheduleTwoRefills",
                "Rule_ScheduleThreeToFiveRefills", "Rule_DaysSupplyOverLimit", "Rule_RefillsOverLimit",
                "Rule_ControlledSubstance", "Rule_CompoundOffApprovedList", "Rule_LargeQuantity", "Rule_Standard");
    }

    @Test
    void rejectsCompoundOffTheListWhenTheClinicOrdersApprovedCompoundsOnly() {
        line.put("compoundApprovedForClinic", false);
        assertDecision("Rule_CompoundNotApprovedForClinic", "reject", "Compound is not on this clinic's approved list");
    }

    @Test
    void rejectsControlledSubstanceWithoutPrescriberDea() {
        line.put("controlledSchedule", 4);
        assertDecision("Rule_ControlledWithoutDea", "reject",
                "Controlled substance ordered without a prescriber DEA registration");
    }

    @Test
    void rejectsRefillsOnScheduleTwo() {
        line.putAll(Map.of("controlledSchedule", 2, "prescriberHasDea", true, "refillsAuthorized", 1));
        assertDecision("Rule_ScheduleTwoRefills", "reject", "Schedule II prescriptions cannot be refilled");
    }

    @Test
    void rejectsMoreThanFiveRefillsOnScheduleThreeToFive() {
        line.putAll(Map.of("controlledSchedule", 3, "prescriberHasDea", true, "refillsAuthorized", 6));
        assertDecision("Rule_ScheduleThreeToFiveRefills", "reject",
                "Schedule III-V prescriptions allow at most 5 refills");
    }

    @Test
    void rejectsDaysSupplyOverNinety() {
        line.put("daysSupply", 91);
        assertDecision("Rule_DaysSupplyOverLimit", "reject", "Days supply exceeds 90 days");
    }

    @Test
    void rejectsMoreThanElevenRefills() {
        line.put("refillsAuthorized", 12);
        assertDecision("Rule_RefillsOverLimit", "reject", "More than 11 refills authorized");
    }

    @Test
    void flagsControlledSubstanceForPharmacistReview() {
        line.putAll(Map.of("controlledSchedule", 2, "prescriberHasDea", true, "refillsAuthorized", 0));
        assertDecision("Rule_ControlledSubstance", "review", "Controlled substance: pharmacist review required");
    }

    @Test
    void flagsCompoundOffTheListWhenTheClinicAllowsAnyCatalogItem() {
        line.putAll(Map.of("approvedCompoundsOnly", false, "compoundApprovedForClinic", false));
        assertDecision("Rule_CompoundOffApprovedList", "review", "Compound is not on the clinic's approved list");
    }

    @Test
    void flagsQuantityOverOneThousand() {
        line.put("quantity", 1000.5);
        assertDecision("Rule_LargeQuantity", "review", "Quantity above 1000 units");
    }

    @Test
    void acceptsLineThatMeetsEveryRule() {
        assertDecision("Rule_Standard", "accept", "Meets the clinic's ordering rules");
    }

    @Test
    void acceptsTheLimitsThemselves() {
        line.putAll(Map.of("quantity", 1000.0, "daysSupply", 90, "refillsAuthorized", 11));
        assertDecision("Rule_Standard", "accept", "Meets the clinic's ordering rules");
        line.putAll(Map.of("controlledSchedule", 5, "prescriberHasDea", true, "refillsAuthorized", 5));
        assertDecision("Rule_ControlledSubstance", "review", "Controlled substance: pharmacist review required");
    }

    private void assertDecision(String rule, String outcome, String reason) {
        MATCHED.clear();
        DmnDecisionResultEntries result = dmnEngine.evaluateDecision(decision, Variables.fromMap(line))
                .getSingleResult();
        assertThat(MATCHED).containsExactly(rule);
        assertThat((String) result.getEntry("outcome")).isEqualTo(outcome);
        assertThat((String) result.getEntry("reason")).isEqualTo(reason);
    }

    private static DefaultDmnEngineConfiguration configuration() {
        DefaultDmnEngineConfiguration configuration = new DefaultDmnEngineConfiguration();
        configuration.enableFeelLegacyBehavior(true);
        DmnDecisionTableEvaluationListener recordMatches = event -> event.getMatchingRules()
                .forEach(rule -> MATCHED.add(rule.getId()));
        configuration.customPostDecisionTableEvaluationListeners(List.of(recordMatches));
        return configuration;
    }
}
