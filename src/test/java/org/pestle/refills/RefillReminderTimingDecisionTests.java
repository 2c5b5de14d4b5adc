package org.pestle.refills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.junit.jupiter.api.Test;

/** decisions/refill-reminder-timing.dmn, one test per rule row, and the table's shipped test cases. */
class RefillReminderTimingDecisionTests {

    private final DecisionHarness table = new DecisionHarness("/decisions/refill-reminder-timing.dmn",
            "Decision_RefillReminderTiming");

    @Test
    void tableHasTheFourRowsTestedHere() {
        assertThat(table.ruleIds()).containsExactly("Rule_ShortSupply", "Rule_ControlledLate", "Rule_Maintenance",
                "Rule_ClinicLead");
    }

    @Test
    void aSupplyOfUnderTenDaysIsRemindedOneDayBeforeItRunsOut() {
        assertTiming(timing(14, 9, true, 3), "Rule_ShortSupply", 1, 1);
    }

    @Test
    void aControlledSubstanceIsRemindedAtMostThreeDaysBeforeRunOut() {
        assertTiming(timing(7, 30, false, 4), "Rule_ControlledLate", 3, 2);
        assertTiming(timing(2, 30, false, 4), "Rule_ClinicLead", 2, 2);
    }

    @Test
    void aMaintenanceMedicationFollowsTheClinicsLeadDaysWithTheSecondReminderThreeDaysLater() {
        assertTiming(timing(10, 30, true, 0), "Rule_Maintenance", 10, 3);
    }

    @Test
    void everyOtherLineFollowsTheClinicsLeadDays() {
        assertTiming(timing(5, 30, false, 0), "Rule_ClinicLead", 5, 2);
        assertTiming(timing(0, 90, false, 0), "Rule_ClinicLead", 0, 2);
    }

    @Test
    void theShippedTestCasesPass() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/decisions/refill-reminder-timing.tests.json")) {
            JsonNode cases = new ObjectMapper().readTree(in);
            assertThat(cases.size()).isEqualTo(4);
            for (JsonNode c : cases) {
                DmnDecisionResultEntries result = table.evaluate(new ObjectMapper().convertValue(c.get("inputs"),
                        Map.class));
                assertThat(((Number) result.getEntry("reminderLeadDays")).intValue()).as(c.get("name").asText())
                        .isEqualTo(c.at("/expected/reminderLeadDays").asInt());
                assertThat((String) result.getEntry("reason")).isEqualTo(c.at("/expected/reason").asText());
            }
        }
    }

    private DmnDecisionResultEntries timing(int leadDays, int daysSupply, boolean maintenance, int schedule) {
        return table.evaluate(Map.of("leadDays", leadDays, "daysSupply", daysSupply, "maintenance", maintenance,
                "controlledSchedule", schedule));
    }

    private void assertTiming(DmnDecisionResultEntries result, String rule, int leadDays, int secondAfterDays) {
        assertThat(table.matched()).containsExactly(rule);
        assertThat(((Number) result.getEntry("reminderLeadDays")).intValue()).isEqualTo(leadDays);
        assertThat(((Number) result.getEntry("secondReminderAfterDays")).intValue()).isEqualTo(secondAfterDays);
        assertThat((String) result.getEntry("reason")).isNotBlank();
    }
}
