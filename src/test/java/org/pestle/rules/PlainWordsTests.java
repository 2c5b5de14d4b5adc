package org.pestle.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pestle.rules.RuleTables.Column;
import org.pestle.rules.RuleTables.Rule;
import org.pestle.rules.RuleTables.Table;

/** Decision table cells read in plain words on the console. */
class PlainWordsTests {

    @Test
    void readsConditionsInWords() {
        assertThat(PlainWords.condition("")).isEqualTo("any");
        assertThat(PlainWords.condition("true")).isEqualTo("yes");
        assertThat(PlainWords.condition("> 90")).isEqualTo("more than 90");
        assertThat(PlainWords.condition("<= 5")).isEqualTo("at most 5");
        assertThat(PlainWords.condition("[2..5]")).isEqualTo("2 to 5");
        assertThat(PlainWords.condition("]2..5[")).isEqualTo("2 (excluded) to 5 (excluded)");
        assertThat(PlainWords.condition("not(3)")).isEqualTo("not 3");
        assertThat(PlainWords.condition("\"self\",\"clinic\"")).isEqualTo("self or clinic");
        assertThat(PlainWords.condition("2,3")).isEqualTo("2 or 3");
    }

    @Test
    void readsAWholeRuleAsASentence() {
        Table table = new Table("Decision_X", "X", "FIRST",
                List.of(new Column("Input_Days", "Days supply", "daysSupply", "integer", List.of()),
                        new Column("Input_Dea", null, "prescriberHasDea", "boolean", List.of())),
                List.of(new Column("Output_Outcome", "Outcome", "outcome", "string", List.of())),
                List.of());

        assertThat(PlainWords.rule(table, new Rule("Rule_Long", "", List.of("> 90", ""), List.of("\"reject\""))))
                .isEqualTo("When Days supply is more than 90, then Outcome is reject.");
        assertThat(PlainWords.rule(table, new Rule("Rule_Any", "", List.of("", "false"), List.of("\"review\""))))
                .isEqualTo("When prescriberHasDea is no, then Outcome is review.");
        assertThat(PlainWords.rule(table, new Rule("Rule_All", "", List.of("", ""), List.of("\"accept\""))))
                .isEqualTo("Always, then Outcome is accept.");
    }
}
