package org.pestle.refills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.junit.jupiter.api.Test;

/** decisions/refill-eligibility.dmn, one test per rule row, and the table's shipped test cases. */
class RefillEligibilityDecisionTests {

    private final DecisionHarness table = new DecisionHarness("/decisions/refill-eligibility.dmn",
            "Decision_RefillEligibility");

    @Test
    void tableHasTheEightRowsTestedHere() {
        assertThat(table.ruleIds()).containsExactly("Rule_ScheduleTwo", "Rule_NoRefillsLeft",
                "Rule_ControlledExpired", "Rule_ControlledRefillLimit", "Rule_Expired", "Rule_ControlledTooEarly",
                "Rule_TooEarly", "Rule_Eligible");
    }

    @Test
    void scheduleTwoIsNeverRefilledButRenewed() {
        assertOutcome(eligibility(2, 3, 1, 10, 0.95), "Rule_ScheduleTwo", false, true, "SCHEDULE_II_NO_REFILLS");
    }

    @Test
    void noRefillsLeftGoesToThePrescriberForRenewal() {
        assertOutcome(eligibility(0, 0, 2, 40, 0.95), "Rule_NoRefillsLeft", false, true, "NO_REFILLS_LEFT");
    }

    @Test
    void aControlledPrescriptionExpiresAfterSixMonths() {
        assertOutcome(eligibility(3, 2, 2, 183, 0.95), "Rule_ControlledExpired", false, true, "PRESCRIPTION_EXPIRED");
        assertOutcome(eligibility(3, 2, 2, 182, 0.95), "Rule_Eligible", true, false, "ELIGIBLE");
    }

    @Test
    void aControlledPrescriptionIsRefilledAtMostFiveTimes() {
        assertOutcome(eligibility(5, 4, 6, 120, 0.95), "Rule_ControlledRefillLimit", false, true,
                "CONTROLLED_REFILL_LIMIT");
    }

    @Test
    void anyOtherPrescriptionExpiresAfterAYear() {
        assertOutcome(eligibility(0, 4, 3, 366, 0.95), "Rule_Expired", false, true, "PRESCRIPTION_EXPIRED");
    }

    @Test
    void aControlledRefillBeforeEightyFivePercentOfTheSupplyIsTooEarly() {
        assertOutcome(eligibility(4, 2, 1, 25, 0.84), "Rule_ControlledTooEarly", false, false, "TOO_EARLY");
    }

    @Test
    void aRefillBeforeThreeQuartersOfTheSupplyIsTooEarly() {
        assertOutcome(eligibility(0, 2, 1, 20, 0.74), "Rule_TooEarly", false, false, "TOO_EARLY");
    }

    @Test
    void everyOtherRefillMayBeOrdered() {
        assertOutcome(eligibility(0, 2, 1, 23, 0.75), "Rule_Eligible", true, false, "ELIGIBLE");
        assertOutcome(eligibility(3, 1, 5, 100, 0.85), "Rule_Eligible", true, false, "ELIGIBLE");
    }

    @Test
    void theShippedTestCasesPass() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/decisions/refill-eligibility.tests.json")) {
            JsonNode cases = new ObjectMapper().readTree(in);
            assertThat(cases.size()).isEqualTo(8);
            for (JsonNode c : cases) {
                DmnDecisionResultEntries result = table.evaluate(new ObjectMapper().convertValue(c.get("inputs"),
                        Map.class));
                assertThat((String) result.getEntry("reason")).as(c.get("name").asText())
                        .isEqualTo(c.at("/expected/reason").asText());
                assertThat((Boolean) result.getEntry("eligible")).isEqualTo(c.at("/expected/eligible").asBoolean());
            }
        }
    }

    private DmnDecisionResultEntries eligibility(int schedule, int refillsLeft, int refillNumber, int ageDays,
            double suppliedShare) {
        return table.evaluate(Map.of("controlledSchedule", schedule, "refillsLeft", refillsLeft, "refillNumber",
                refillNumber, "prescriptionAgeDays", ageDays, "suppliedShare", suppliedShare));
    }

    private void assertOutcome(DmnDecisionResultEntries result, String rule, boolean eligible, boolean renewal,
            String reason) {
        assertThat(table.matched()).containsExactly(rule);
        assertThat((Boolean) result.getEntry("eligible")).isEqualTo(eligible);
        assertThat((Boolean) result.getEntry("renewal")).isEqualTo(renewal);
        assertThat((String) result.getEntry("reason")).isEqualTo(reason);
    }
}
