package org.pestle.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pestle.rules.RuleTables.Column;
import org.pestle.rules.RuleTables.Rule;
import org.pestle.rules.RuleTables.Table;

/**
 * Decision table cells in plain words: a comparison such as {@code > 90} reads more than 90, a range reads 2 to 5,
 * {@code true} reads yes. What it does not recognise is shown as written.
 */
public final class PlainWords {

    private static final Pattern COMPARISON = Pattern.compile("(<=|>=|<|>)\\s*(.+)");
    private static final Pattern RANGE = Pattern.compile("([\\[\\]\\(])\\s*(.+?)\\s*\\.\\.\\s*(.+?)\\s*([\\[\\]\\)])");
    private static final Pattern NOT = Pattern.compile("not\\s*\\((.*)\\)");

    private PlainWords() {
    }

    /** The hit policy as a sentence. */
    public static String hitPolicy(String hitPolicy) {
        return switch (hitPolicy) {
            case "FIRST" -> "First match: the first rule that matches decides";
            case "UNIQUE" -> "Unique: at most one rule may match";
            case "ANY" -> "Any: rules that match must agree";
            case "COLLECT" -> "Collect: every matching rule adds a result";
            case "RULE_ORDER" -> "Rule order: every matching rule adds a result, in rule order";
            default -> hitPolicy;
        };
    }

    /** A condition cell in words: any, yes, more than 90, 2 to 5, not 3. */
    public static String condition(String cell) {
        if (cell == null || cell.isBlank() || cell.strip().equals("-")) {
            return "any";
        }
        String c = cell.strip();
        Matcher not = NOT.matcher(c);
        if (not.matches()) {
            return "not " + condition(not.group(1));
        }
        List<String> alternatives = alternatives(c);
        if (alternatives.size() > 1) {
            return String.join(" or ", alternatives.stream().map(PlainWords::condition).toList());
        }
        Matcher range = RANGE.matcher(c);
        if (range.matches()) {
            String low = value(range.group(2)) + (range.group(1).equals("[") ? "" : " (excluded)");
            String high = value(range.group(3)) + (range.group(4).equals("]") ? "" : " (excluded)");
            return low + " to " + high;
        }
        Matcher comparison = COMPARISON.matcher(c);
        if (comparison.matches()) {
            String value = value(comparison.group(2));
            return switch (comparison.group(1)) {
                case "<" -> "less than " + value;
                case "<=" -> "at most " + value;
                case ">" -> "more than " + value;
                default -> "at least " + value;
            };
        }
        return value(c);
    }

    /** An output cell in words: the value without quotes, yes or no for booleans, none when empty. */
    public static String value(String cell) {
        if (cell == null || cell.isBlank()) {
            return "(none)";
        }
        String c = cell.strip();
        if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
            return c.substring(1, c.length() - 1);
        }
        return switch (c.toLowerCase(Locale.ROOT)) {
            case "true" -> "yes";
            case "false" -> "no";
            default -> c;
        };
    }

    /** The whole rule as a sentence: When Days supply is more than 90, then Outcome is reject. */
    public static String rule(Table table, Rule rule) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < table.inputs().size() && i < rule.inputEntries().size(); i++) {
            String cell = rule.inputEntries().get(i);
            if (cell != null && !cell.isBlank() && !cell.strip().equals("-")) {
                conditions.add(label(table.inputs().get(i)) + " is " + condition(cell));
            }
        }
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < table.outputs().size() && i < rule.outputEntries().size(); i++) {
            outputs.add(label(table.outputs().get(i)) + " is " + value(rule.outputEntries().get(i)));
        }
        String when = conditions.isEmpty() ? "Always" : "When " + String.join(" and ", conditions);
        return when + ", then " + String.join("; ", outputs) + ".";
    }

    /** The comma-separated alternatives of a cell; commas inside quotes, ranges and brackets do not count. */
    private static List<String> alternatives(String cell) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < cell.length(); i++) {
            char ch = cell.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '(' || ch == '[')) {
                depth++;
            } else if (!quoted && (ch == ')' || ch == ']') && depth > 0) {
                depth--;
            } else if (!quoted && depth == 0 && ch == ',') {
                parts.add(cell.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(cell.substring(start).strip());
        return parts;
    }

    /** A column's label, or its variable name where it has none. */
    public static String label(Column column) {
        return column.label() != null && !column.label().isBlank() ? column.label() : column.name();
    }
}
