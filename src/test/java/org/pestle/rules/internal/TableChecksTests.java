package org.pestle.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.rules.RuleTables.Fault;
import org.pestle.rules.RuleTables.Rule;
import org.pestle.rules.RuleTables.Table;

/**
 * The editor's checks on decisions/order-eligibility.dmn, with the DMN engine configured as the application runs it
 * (legacy FEEL): every cell is evaluated, types must match, UNIQUE tables may not hold duplicate rules.
 */
class TableChecksTests {

    final TableChecks checks = new TableChecks(true);
    String xml;
    Table shipped;

    @BeforeEach
    void readTheShippedTable() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/decisions/order-eligibility.dmn")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        shipped = DmnTables.read(xml);
    }

    @Test
    void readsTheTableWithItsColumnsRulesAndAnnotations() {
        assertThat(shipped.decisionKey()).isEqualTo("Decision_OrderEligibility");
        assertThat(shipped.hitPolicy()).isEqualTo("FIRST");
        assertThat(shipped.inputs()).extracting(c -> c.name()).startsWith("approvedCompoundsOnly",
                "compoundApprovedForClinic");
        assertThat(shipped.outputs().get(0).allowedValues()).containsExactly("\"accept\"", "\"review\"",
                "\"reject\"");
        assertThat(shipped.rules()).hasSize(10);
        assertThat(shipped.rules().get(4).inputEntries().get(5)).isEqualTo("> 90");
        assertThat(shipped.rules().get(4).annotation()).startsWith("Pharmacy dispensing policy");
    }

    @Test
    void acceptsTheShippedTable() {
        assertThat(checks.check(xml, shipped, shipped)).isEmpty();
    }

    @Test
    void writesAnEditBackThatReadsTheSame() {
        Table edited = withCell(4, 5, "> 60");
        Table written = DmnTables.read(DmnTables.write(xml, edited));
        assertThat(written).isEqualTo(edited);
        assertThat(DmnTables.write(xml, edited)).contains("camunda:historyTimeToLive=\"180\"", "DMNShape_OrderEligibility");
    }

    @Test
    void rejectsACellThatIsNotFeel() {
        List<Fault> faults = checks.check(xml, shipped, withCell(4, 5, "> > 90"));
        assertThat(faults).singleElement().satisfies(fault -> {
            assertThat(fault.rule()).isEqualTo(4);
            assertThat(fault.column()).isEqualTo(5);
            assertThat(fault.message()).startsWith("Cannot be evaluated on integer values");
        });
    }

    @Test
    void rejectsAConditionOfTheWrongType() {
        List<Fault> faults = checks.check(xml, shipped, withCell(4, 5, "\"ninety\""));
        assertThat(faults).singleElement().satisfies(fault -> assertThat(fault.column()).isEqualTo(5));
    }

    @Test
    void rejectsAnOutputOfTheWrongTypeOrOutsideItsListedValues() {
        assertThat(checks.check(xml, shipped, withCell(4, 7, "\"maybe\""))).singleElement()
                .satisfies(fault -> assertThat(fault.message()).contains("Must be one of"));
        assertThat(checks.check(xml, shipped, withCell(4, 7, "reject ("))).singleElement()
                .satisfies(fault -> assertThat(fault.column()).isEqualTo(7));
        assertThat(checks.check(xml, shipped, withCell(4, 7, ""))).singleElement()
                .satisfies(fault -> assertThat(fault.message()).contains("needs a value"));
    }

    @Test
    void rejectsDuplicateRulesUnderTheUniqueHitPolicy() {
        List<Rule> rules = new ArrayList<>(shipped.rules().subList(1, 10));
        rules.add(new Rule(null, "Copy of the days supply rule", shipped.rules().get(4).inputEntries(),
                shipped.rules().get(4).outputEntries()));
        Table unique = shipped.withRules("UNIQUE", rules);

        List<Fault> faults = checks.check(xml, shipped, unique);

        assertThat(faults).extracting(Fault::message).anySatisfy(message -> assertThat(message)
                .isEqualTo("Has the same conditions as rule 4: under the UNIQUE hit policy only one rule may match"));
    }

    @Test
    void rejectsUnsupportedHitPoliciesAndRulesWithMissingCells() {
        assertThat(checks.check(xml, shipped, shipped.withRules("PRIORITY", shipped.rules())))
                .extracting(Fault::message).anySatisfy(m -> assertThat(m).startsWith("Hit policy must be one of"));
        List<Rule> rules = new ArrayList<>(shipped.rules());
        rules.set(0, new Rule("Rule_Short", "", List.of("true"), List.of("\"reject\"", "\"x\"")));
        assertThat(checks.check(xml, shipped, shipped.withRules("FIRST", rules))).singleElement()
                .satisfies(fault -> assertThat(fault.message()).isEqualTo("Needs one cell per column"));
    }

    @Test
    void givesNewRulesIdsMadeFromTheirAnnotation() {
        List<Rule> rules = new ArrayList<>(shipped.rules());
        rules.add(0, new Rule(null, "Hold very large orders", List.of("", "", "", "", "> 5000", "", ""),
                List.of("\"review\"", "\"Very large order\"")));
        Table written = DmnTables.read(DmnTables.write(xml, shipped.withRules("FIRST", rules)));
        assertThat(written.rules().get(0).id()).isEqualTo("Rule_HoldVeryLargeOrders");
    }

    @Test
    void evaluatesATableAndNamesTheMatchedRule() {
        var evaluation = checks.evaluate(xml, Map.of("approvedCompoundsOnly", true, "compoundApprovedForClinic", true,
                "controlledSchedule", 0, "prescriberHasDea", false, "quantity", 30.0, "daysSupply", 91,
                "refillsAuthorized", 0));
        assertThat(evaluation.error()).isNull();
        assertThat(evaluation.matchedRules()).containsExactly("Rule_DaysSupplyOverLimit");
        assertThat(evaluation.results()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("outcome", "reject"));
    }

    @Test
    void typesWhatAnAdminTypedByTheColumn() {
        assertThat(TableChecks.typed(shipped.inputs().get(0), "yes")).isEqualTo(true);
        assertThat(TableChecks.typed(shipped.inputs().get(2), "3")).isEqualTo(3);
        assertThat(TableChecks.typed(shipped.inputs().get(4), "2.5")).isEqualTo(2.5);
        assertThat(TableChecks.typed(shipped.inputs().get(4), "")).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TableChecks.typed(shipped.inputs().get(2), "three"))
                .hasMessage("must be a whole number");
    }
    private Table withCell(int rule, int column, String value) {
        return Tables.withCell(shipped, rule, column, value);
    }
}
