package org.pestle.rules.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.pestle.rules.PlainWords;
import org.pestle.rules.RuleTables.Change;
import org.pestle.rules.RuleTables.Column;
import org.pestle.rules.RuleTables.Rule;
import org.pestle.rules.RuleTables.Table;

/** Differences between two versions of a table, and the rule-by-rule merge of a shipped change. */
final class TableDiffs {

    private TableDiffs() {
    }

    /** What changed from one version to another, rule by rule (rules are matched by id). */
    static List<Change> diff(Table from, Table to) {
        List<Change> changes = new ArrayList<>();
        if (!from.hitPolicy().equals(to.hitPolicy())) {
            changes.add(new Change("TABLE", null, "Hit policy changed", List.of(PlainWords.hitPolicy(from.hitPolicy())
                    + " → " + PlainWords.hitPolicy(to.hitPolicy()))));
        }
        columns(changes, "Input", from.inputs(), to.inputs());
        columns(changes, "Output", from.outputs(), to.outputs());
        Map<String, Rule> before = byId(from);
        Map<String, Rule> after = byId(to);
        for (Rule rule : from.rules()) {
            if (!after.containsKey(rule.id())) {
                changes.add(new Change("REMOVED", rule.id(), "Rule removed: " + title(rule), cells(from, rule)));
            }
        }
        List<String> commonBefore = from.rules().stream().map(Rule::id).filter(after::containsKey).toList();
        List<String> commonAfter = to.rules().stream().map(Rule::id).filter(before::containsKey).toList();
        Set<String> inOrder = Set.copyOf(longestCommonSubsequence(commonBefore, commonAfter));
        for (int i = 0; i < to.rules().size(); i++) {
            Rule rule = to.rules().get(i);
            Rule old = before.get(rule.id());
            if (old == null) {
                changes.add(new Change("ADDED", rule.id(), "Rule added as rule " + (i + 1) + ": " + title(rule),
                        cells(to, rule)));
                continue;
            }
            List<String> details = new ArrayList<>();
            if (!Objects.equals(old.annotation(), rule.annotation())) {
                details.add("Annotation: " + quote(old.annotation()) + " → " + quote(rule.annotation()));
            }
            if (sameColumns(from, to)) {
                for (int c = 0; c < rule.inputEntries().size(); c++) {
                    cell(details, label(to.inputs().get(c)), old.inputEntries().get(c), rule.inputEntries().get(c));
                }
                for (int c = 0; c < rule.outputEntries().size(); c++) {
                    cell(details, label(to.outputs().get(c)), old.outputEntries().get(c), rule.outputEntries().get(c));
                }
            } else if (!old.inputEntries().equals(rule.inputEntries())
                    || !old.outputEntries().equals(rule.outputEntries())) {
                details.add("Cells changed with the columns");
            }
            if (!details.isEmpty()) {
                changes.add(new Change("CHANGED", rule.id(), "Rule " + (i + 1) + " changed: " + title(rule), details));
            }
            if (!inOrder.contains(rule.id())) {
                changes.add(new Change("MOVED", rule.id(), "Rule moved: " + title(rule), List.of("position "
                        + (from.rules().indexOf(old) + 1) + " → " + (i + 1))));
            }
        }
        return changes;
    }

    /**
     * Merges a release's change (base → theirs) into the admin's version (base → ours) rule by rule. Where both
     * changed the same rule the admin's rule is kept and the conflict listed. A release that changed the columns
     * cannot be merged rule by rule: the result is the shipped table, with that said as a conflict.
     */
    static Merge merge(Table base, Table ours, Table theirs) {
        List<String> conflicts = new ArrayList<>();
        if (!sameColumns(base, theirs) || !sameColumns(ours, theirs)) {
            conflicts.add("The release changed the table's columns, so the draft starts from the shipped table: "
                    + "apply your own changes again (see the diff of your versions)");
            return new Merge(theirs, conflicts);
        }
        String hitPolicy = ours.hitPolicy();
        if (!theirs.hitPolicy().equals(base.hitPolicy())) {
            if (ours.hitPolicy().equals(base.hitPolicy())) {
                hitPolicy = theirs.hitPolicy();
            } else if (!ours.hitPolicy().equals(theirs.hitPolicy())) {
                conflicts.add("Hit policy: the release sets " + PlainWords.hitPolicy(theirs.hitPolicy())
                        + ", your version keeps " + PlainWords.hitPolicy(ours.hitPolicy()));
            }
        }
        Map<String, Rule> baseRules = byId(base);
        Map<String, Rule> theirRules = byId(theirs);
        Map<String, Rule> ourRules = byId(ours);
        List<Rule> merged = new ArrayList<>();
        for (Rule rule : ours.rules()) {
            Rule original = baseRules.get(rule.id());
            Rule shipped = theirRules.get(rule.id());
            if (original == null) {
                merged.add(rule);
            } else if (shipped == null) {
                if (rule.equals(original)) {
                    continue;
                }
                conflicts.add("The release removed " + title(rule) + ", which you changed: your rule is kept");
                merged.add(rule);
            } else if (rule.equals(original)) {
                merged.add(shipped);
            } else {
                if (!shipped.equals(original) && !shipped.equals(rule)) {
                    conflicts.add("Both you and the release changed " + title(rule) + ": your rule is kept");
                }
                merged.add(rule);
            }
        }
        for (int i = 0; i < theirs.rules().size(); i++) {
            Rule added = theirs.rules().get(i);
            if (baseRules.containsKey(added.id()) || ourRules.containsKey(added.id())) {
                if (baseRules.containsKey(added.id()) && !ourRules.containsKey(added.id())
                        && !added.equals(baseRules.get(added.id()))) {
                    conflicts.add("The release changed " + title(added) + ", which you removed: it stays removed");
                }
                continue;
            }
            int at = 0;
            for (int j = i - 1; j >= 0; j--) {
                String previous = theirs.rules().get(j).id();
                int index = indexOf(merged, previous);
                if (index >= 0) {
                    at = index + 1;
                    break;
                }
            }
            merged.add(at, added);
        }
        return new Merge(ours.withRules(hitPolicy, merged), conflicts);
    }

    static boolean sameColumns(Table a, Table b) {
        return signature(a.inputs()).equals(signature(b.inputs())) && signature(a.outputs())
                .equals(signature(b.outputs()));
    }

    private static List<String> signature(List<Column> columns) {
        return columns.stream().map(c -> c.name() + ":" + c.typeRef()).toList();
    }

    private static void columns(List<Change> changes, String kind, List<Column> from, List<Column> to) {
        Set<String> before = from.stream().map(Column::name).collect(Collectors.toSet());
        Set<String> after = to.stream().map(Column::name).collect(Collectors.toSet());
        to.stream().filter(c -> !before.contains(c.name())).forEach(c -> changes.add(new Change("TABLE", null,
                kind + " column added: " + label(c), List.of())));
        from.stream().filter(c -> !after.contains(c.name())).forEach(c -> changes.add(new Change("TABLE", null,
                kind + " column removed: " + label(c), List.of())));
    }

    private static List<String> cells(Table table, Rule rule) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < rule.inputEntries().size() && c < table.inputs().size(); c++) {
            if (!rule.inputEntries().get(c).isBlank()) {
                cells.add(label(table.inputs().get(c)) + ": " + rule.inputEntries().get(c));
            }
        }
        for (int c = 0; c < rule.outputEntries().size() && c < table.outputs().size(); c++) {
            cells.add(label(table.outputs().get(c)) + " = " + rule.outputEntries().get(c));
        }
        return cells;
    }

    private static void cell(List<String> details, String label, String before, String after) {
        if (!before.strip().equals(after.strip())) {
            details.add(label + ": " + shown(before) + " → " + shown(after));
        }
    }

    private static String shown(String cell) {
        return cell.isBlank() ? "(any)" : cell;
    }

    private static String quote(String text) {
        return text == null || text.isBlank() ? "(none)" : "“" + text + "”";
    }

    static String title(Rule rule) {
        return rule.id() == null ? "a new rule" : rule.id();
    }

    private static String label(Column column) {
        return column.label() != null && !column.label().isBlank() ? column.label() : column.name();
    }

    private static Map<String, Rule> byId(Table table) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        table.rules().forEach(r -> rules.put(r.id(), r));
        return rules;
    }

    private static int indexOf(List<Rule> rules, String id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> longestCommonSubsequence(List<String> a, List<String> b) {
        int[][] lengths = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lengths[i][j] = a.get(i).equals(b.get(j)) ? lengths[i + 1][j + 1] + 1
                        : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
            }
        }
        List<String> common = new ArrayList<>();
        for (int i = 0, j = 0; i < a.size() && j < b.size();) {
            if (a.get(i).equals(b.get(j))) {
                common.add(a.get(i));
                i++;
                j++;
            } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }

    /** A merged table and what could not be merged automatically. */
    record Merge(Table table, List<String> conflicts) {
    }
}
