package org.pestle.recall.internal;

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

/** decisions/recall-response.dmn, one test per rule row, on the legacy FEEL engine the application runs. */
class RecallResponseDecisionTests {

    private static final List<String> MATCHED = new ArrayList<>();

    @RegisterExtension
    static DmnEngineExtension dmn = DmnEngineExtension.forConfiguration(configuration());

    DmnEngine dmnEngine;
    DmnDecision decision;

    @BeforeEach
    void parseTheTable() throws Exception {
        try (InputStream table = getClass().getResourceAsStream("/decisions/recall-response.dmn")) {
            decision = dmnEngine.parseDecision("Decision_RecallResponse", table);
        }
    }

    @Test
    void tableHasTheFourRowsTestedHere() {
        assertThat(((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules()).extracting(r -> r.getId())
                .containsExactly("Rule_ClassOne", "Rule_ClassTwo", "Rule_ClassThree", "Rule_Unclassified");
    }

    @Test
    void classOneIsCalledWithinADayAndThePrescriberToldFirst() {
        assertResponse("I", "Rule_ClassOne", "PT24H", true, true);
    }

    @Test
    void classTwoIsTextedAndConfirmedWithinThreeDays() {
        assertResponse("II", "Rule_ClassTwo", "P3D", false, false);
    }

    @Test
    void classThreeIsTextedAndConfirmedWithinAWeek() {
        assertResponse("III", "Rule_ClassThree", "P7D", false, false);
    }

    @Test
    void aRecallWithoutAClassIsHandledAsClassOne() {
        assertResponse("", "Rule_Unclassified", "PT24H", true, true);
        assertResponse("IV", "Rule_Unclassified", "PT24H", true, true);
    }

    private void assertResponse(String classification, String rule, String due, boolean call, boolean first) {
        MATCHED.clear();
        DmnDecisionResultEntries result = dmnEngine.evaluateDecision(decision,
                Variables.fromMap(Map.of("classification", classification))).getSingleResult();
        assertThat(MATCHED).containsExactly(rule);
        assertThat((String) result.getEntry("contactDue")).isEqualTo(due);
        assertThat((Boolean) result.getEntry("callAsWell")).isEqualTo(call);
        assertThat((Boolean) result.getEntry("prescriberFirst")).isEqualTo(first);
        assertThat((String) result.getEntry("reason")).isNotBlank();
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
