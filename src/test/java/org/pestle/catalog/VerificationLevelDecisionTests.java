package org.pestle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.test.junit5.DmnEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** decisions/verification-level.dmn, one test per rule row, on the legacy FEEL engine the application runs. */
class VerificationLevelDecisionTests {

    private static final List<String> MATCHED = new ArrayList<>();

    @RegisterExtension
    static DmnEngineExtension dmn = DmnEngineExtension.forConfiguration(configuration());

    DmnEngine dmnEngine;
    DmnDecision decision;

    @BeforeEach
    void parseTheTable() throws Exception {
        try (InputStream table = getClass().getResourceAsStream("/decisions/verification-level.dmn")) {
            decision = dmnEngine.parseDecision("Decision_VerificationLevel", table);
        }
    }

    @Test
    void tableHasTheTwoRowsTestedHere() {
        assertThat(((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules()).extracting(r -> r.getId())
                .containsExactly("Rule_ScheduleTwo", "Rule_OnePharmacist");
    }

    @Test
    void everyScheduleTwoOrderNeedsASecondPharmacist() {
        assertLevel(2, "Rule_ScheduleTwo", true, "Schedule II: a second pharmacist verifies and checks");
    }

    @Test
    void everyOtherOrderNeedsOnePharmacist() {
        for (int schedule : new int[] {0, 3, 4, 5}) {
            assertLevel(schedule, "Rule_OnePharmacist", false, "One pharmacist verifies and checks");
        }
    }

    private void assertLevel(int schedule, String rule, boolean second, String reason) {
        MATCHED.clear();
        DmnDecisionResultEntries result = dmnEngine.evaluateDecision(decision,
                Variables.fromMap(Map.of("controlledSchedule", schedule))).getSingleResult();
        assertThat(MATCHED).containsExactly(rule);
        assertThat((Boolean) result.getEntry("secondPharmacist")).isEqualTo(second);
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
