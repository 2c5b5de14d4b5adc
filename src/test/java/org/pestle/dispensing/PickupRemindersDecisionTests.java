package org.pestle.dispensing;

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

/** decisions/pickup-reminders.dmn (Decision_PickupReminders), one test per rule row, on the legacy FEEL engine the application runs. */
class PickupRemindersDecisionTests {

    private static final List<String> MATCHED = new ArrayList<>();

    @RegisterExtension
    static DmnEngineExtension dmn = DmnEngineExtension.forConfiguration(configuration());

    DmnEngine dmnEngine;
    DmnDecision decision;

    @BeforeEach
    void parseTheTable() throws Exception {
        try (InputStream table = getClass().getResourceAsStream("/decisions/pickup-reminders.dmn")) {
            decision = dmnEngine.parseDecision("Decision_PickupReminders", table);
        }
    }

    @Test
    void tableHasTheThreeRowsTestedHere() {
        assertThat(((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules()).extracting(r -> r.getId())
                .containsExactly("Rule_FirstReminder", "Rule_SecondReminder", "Rule_NoFurtherReminder");
    }

    @Test
    void theFirstReminderIsSentFortyEightHoursAfterTheOrderWasReady() {
        DmnDecisionResultEntries result = evaluate(1, "Rule_FirstReminder");
        assertThat((Boolean) result.getEntry("remind")).isTrue();
        assertThat((Integer) result.getEntry("hoursAfterReady")).isEqualTo(48);
    }

    @Test
    void theSecondReminderIsSentSeventyTwoHoursAfterTheOrderWasReady() {
        DmnDecisionResultEntries result = evaluate(2, "Rule_SecondReminder");
        assertThat((Boolean) result.getEntry("remind")).isTrue();
        assertThat((Integer) result.getEntry("hoursAfterReady")).isEqualTo(72);
    }

    @Test
    void noThirdOrLaterReminderIsSent() {
        for (int reminder : new int[] {3, 4, 10}) {
            DmnDecisionResultEntries result = evaluate(reminder, "Rule_NoFurtherReminder");
            assertThat((Boolean) result.getEntry("remind")).isFalse();
            assertThat(result.getEntryMap().get("hoursAfterReady")).isNull();
        }
    }

    private DmnDecisionResultEntries evaluate(int reminderNumber, String rule) {
        MATCHED.clear();
        DmnDecisionResultEntries result = dmnEngine.evaluateDecision(decision,
                Variables.fromMap(Map.of("reminderNumber", reminderNumber))).getSingleResult();
        assertThat(MATCHED).containsExactly(rule);
        return result;
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
