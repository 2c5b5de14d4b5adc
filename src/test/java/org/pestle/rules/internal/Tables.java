package org.pestle.rules.internal;

import java.util.ArrayList;
import java.util.List;

import org.pestle.rules.RuleTables.Rule;
import org.pestle.rules.RuleTables.Table;

/** Edits of decision tables for tests. */
final class Tables {

    private Tables() {
    }

    /** The table with one cell changed (column index over the inputs, then the outputs). */
    static Table withCell(Table table, int rule, int column, String value) {
        List<Rule> rules = new ArrayList<>(table.rules());
        Rule r = rules.get(rule);
        List<String> inputs = new ArrayList<>(r.inputEntries());
        List<String> outputs = new ArrayList<>(r.outputEntries());
        if (column < inputs.size()) {
            inputs.set(column, value);
        } else {
            outputs.set(column - inputs.size(), value);
        }
        rules.set(rule, new Rule(r.id(), r.annotation(), inputs, outputs));
        return table.withRules(table.hitPolicy(), rules);
    }
}
