package org.pestle.console.internal;

import java.util.ArrayList;
import java.util.List;

import org.pestle.rules.RuleTables.Rule;
import org.pestle.rules.RuleTables.Table;

/**
 * The decision table editor's form: the hit policy and every rule's annotation and cells (inputs first, then
 * outputs). Rows are added, removed and moved on the form itself, so nothing typed is lost until it is saved.
 */
public class TableForm {

    private String hitPolicy;
    private List<RuleRow> rules = new ArrayList<>();

    static TableForm of(Table table) {
        TableForm form = new TableForm();
        form.hitPolicy = table.hitPolicy();
        for (Rule rule : table.rules()) {
            RuleRow row = new RuleRow();
            row.setId(rule.id());
            row.setAnnotation(rule.annotation());
            List<String> cells = new ArrayList<>(rule.inputEntries());
            cells.addAll(rule.outputEntries());
            row.setCells(cells);
            form.rules.add(row);
        }
        return form;
    }

    /** The edited table over the columns of {@code base}; missing cells are blank. */
    Table toTable(Table base) {
        int inputs = base.inputs().size();
        int outputs = base.outputs().size();
        List<Rule> edited = new ArrayList<>();
        for (RuleRow row : rules) {
            List<String> cells = new ArrayList<>(row.getCells() == null ? List.of() : row.getCells());
            while (cells.size() < inputs + outputs) {
                cells.add("");
            }
            cells.replaceAll(c -> c == null ? "" : c);
            edited.add(new Rule(row.getId(), row.getAnnotation() == null ? "" : row.getAnnotation(),
                    cells.subList(0, inputs), cells.subList(inputs, inputs + outputs)));
        }
        return base.withRules(hitPolicy == null ? base.hitPolicy() : hitPolicy, edited);
    }

    /** Applies a row action: {@code add}, {@code remove:N}, {@code up:N}, {@code down:N} (N is 0-based). */
    void apply(String action, int columns) {
        if (action.equals("add")) {
            RuleRow row = new RuleRow();
            row.setAnnotation("");
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                cells.add("");
            }
            row.setCells(cells);
            rules.add(row);
            return;
        }
        String[] parts = action.split(":");
        if (parts.length != 2 || !parts[1].matches("\\d{1,4}")) {
            return;
        }
        int index = Integer.parseInt(parts[1]);
        if (index >= rules.size()) {
            return;
        }
        switch (parts[0]) {
            case "remove" -> rules.remove(index);
            case "up" -> {
                if (index > 0) {
                    rules.add(index - 1, rules.remove(index));
                }
            }
            case "down" -> {
                if (index < rules.size() - 1) {
                    rules.add(index + 1, rules.remove(index));
                }
            }
            default -> { }
        }
    }

    public String getHitPolicy() {
        return hitPolicy;
    }

    public void setHitPolicy(String hitPolicy) {
        this.hitPolicy = hitPolicy;
    }

    public List<RuleRow> getRules() {
        return rules;
    }

    public void setRules(List<RuleRow> rules) {
        this.rules = rules;
    }

    /** One rule on the form. */
    public static class RuleRow {

        private String id;
        private String annotation;
        private List<String> cells = new ArrayList<>();

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getAnnotation() {
            return annotation;
        }

        public void setAnnotation(String annotation) {
            this.annotation = annotation;
        }

        public List<String> getCells() {
            return cells;
        }

        public void setCells(List<String> cells) {
            this.cells = cells;
        }
    }
}
