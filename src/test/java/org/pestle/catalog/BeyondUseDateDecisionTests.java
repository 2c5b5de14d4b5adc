package org.pestle.catalog;

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
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.test.junit5.DmnEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * decisions/beyond-use-date.dmn, one test per rule row, on the DMN engine configured as the application
 * runs it (legacy FEEL). Each test starts from non-sterile capsules kept at room temperature and changes
 * only what the row is about, then checks the row that matched (FIRST hit policy).
 */
class BeyondUseDateDecisionTests {

    private static final List<String> MATCHED = new ArrayList<>();

    @RegisterExtension
    static DmnEngineExtension dmn = DmnEngineExtension.forConfiguration(configuration());

    DmnEngine dmnEngine;
    DmnDecision decision;
    Map<String, Object> preparation;

    @BeforeEach
    void parseTheTableAndStartFromCapsules() throws Exception {
        try (InputStream table = getClass().getResourceAsStream("/decisions/beyond-use-date.dmn")) {
            decision = dmnEngine.parseDecision("Decision_BeyondUseDate", table);
        }
        preparation = new HashMap<>(Map.of("sterileCategory", "NONSTERILE", "aqueous", false, "preserved", false,
                "oralLiquid", false, "storage", "ROOM_TEMPERATURE"));
    }

    @Test
    void tableHasTheEightRowsTestedHere() {
        assertThat(((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules()).extracting(r -> r.getId())
                .containsExactly("Rule_CategoryOneRoomTemperature", "Rule_CategoryOneRefrigerated",
                        "Rule_NonPreservedAqueousRefrigerated", "Rule_NonPreservedAqueousNotRefrigerated",
                        "Rule_PreservedAqueous", "Rule_NonAqueousOralLiquid", "Rule_OtherNonAqueous",
                        "Rule_NoDefault");
    }

    @Test
    void givesACategoryOneSterilePreparationAtRoomTemperatureTwelveHours() {
        preparation.putAll(Map.of("sterileCategory", "CATEGORY_1", "aqueous", true));
        assertBud("Rule_CategoryOneRoomTemperature", null, 12, "USP <797> Category 1, room temperature: 12 hours");
    }

    @Test
    void givesARefrigeratedCategoryOneSterilePreparationTwentyFourHours() {
        preparation.putAll(Map.of("sterileCategory", "CATEGORY_1", "aqueous", true, "storage", "REFRIGERATED"));
        assertBud("Rule_CategoryOneRefrigerated", null, 24, "USP <797> Category 1, refrigerated: 24 hours");
    }

    @Test
    void givesARefrigeratedNonPreservedAqueousPreparationFourteenDays() {
        preparation.putAll(Map.of("aqueous", true, "oralLiquid", true, "storage", "REFRIGERATED"));
        assertBud("Rule_NonPreservedAqueousRefrigerated", 14, null,
                "USP <795> non-preserved aqueous, refrigerated: 14 days");
    }

    @Test
    void givesANonPreservedAqueousPreparationOutOfTheRefrigeratorNoDefault() {
        preparation.put("aqueous", true);
        assertBud("Rule_NonPreservedAqueousNotRefrigerated", null, null,
                "No default: a non-preserved aqueous preparation is kept refrigerated");
    }

    @Test
    void givesAPreservedAqueousPreparationThirtyFiveDaysWhereverItIsKept() {
        preparation.putAll(Map.of("aqueous", true, "preserved", true));
        assertBud("Rule_PreservedAqueous", 35, null, "USP <795> preserved aqueous: 35 days");
        preparation.put("storage", "REFRIGERATED");
        assertBud("Rule_PreservedAqueous", 35, null, "USP <795> preserved aqueous: 35 days");
    }

    @Test
    void givesANonAqueousOralLiquidNinetyDays() {
        preparation.put("oralLiquid", true);
        assertBud("Rule_NonAqueousOralLiquid", 90, null, "USP <795> non-aqueous oral liquid: 90 days");
    }

    @Test
    void givesCapsulesAndOtherNonAqueousFormsOneHundredEightyDays() {
        assertBud("Rule_OtherNonAqueous", 180, null, "USP <795> other non-aqueous form: 180 days");
    }

    @Test
    void givesCategoryTwoAndFrozenCategoryOneNoDefault() {
        preparation.put("sterileCategory", "CATEGORY_2");
        assertBud("Rule_NoDefault", null, null, "No default: set from stability data or the USP <797> tables");
        preparation.putAll(Map.of("sterileCategory", "CATEGORY_1", "storage", "FROZEN"));
        assertBud("Rule_NoDefault", null, null, "No default: set from stability data or the USP <797> tables");
    }

    private void assertBud(String rule, Integer days, Integer hours, String text) {
        MATCHED.clear();
        DmnDecisionResultEntries result = dmnEngine.evaluateDecision(decision, Variables.fromMap(preparation))
                .getSingleResult();
        assertThat(MATCHED).containsExactly(rule);
        assertThat(number(result.getEntryMap().get("days"))).isEqualTo(days);
        assertThat(number(result.getEntryMap().get("hours"))).isEqualTo(hours);
        assertThat((String) result.getEntry("rule")).isEqualTo(text);
    }

    private static Integer number(Object value) {
        return value == null ? null : ((Number) value).intValue();
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
