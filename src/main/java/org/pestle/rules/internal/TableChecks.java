package org.pestle.rules.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableOutputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.dmn.engine.impl.DmnExpressionImpl;
import org.camunda.bpm.dmn.engine.impl.evaluation.DecisionTableEvaluationHandler;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.pestle.rules.RuleTables.Column;
import org.pestle.rules.RuleTables.Evaluation;
import org.pestle.rules.RuleTables.Fault;
import org.pestle.rules.RuleTables.Rule;
import org.pestle.rules.RuleTables.Table;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checks and evaluates decision tables with a DMN engine configured as the application's (legacy FEEL or not, read
 * from the process engine). FEEL cells are only parsed when evaluated, so every cell is evaluated, through the
 * engine's own cell evaluation, on sample values of its column's type.
 */
@Component
class TableChecks {

    static final int MAX_CELL = 1000;
    static final int MAX_ANNOTATION = 2000;
    static final int MAX_RULES = 500;

    private static final ThreadLocal<List<String>> MATCHED = ThreadLocal.withInitial(ArrayList::new);

    private final DefaultDmnEngineConfiguration configuration;
    private final DmnEngine engine;
    private final Cells cells;

    @Autowired
    TableChecks(ProcessEngine processEngine) {
        this(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                .isDmnFeelEnableLegacyBehavior());
    }

    TableChecks(boolean legacyFeel) {
        configuration = new DefaultDmnEngineConfiguration();
        configuration.enableFeelLegacyBehavior(legacyFeel);
        DmnDecisionTableEvaluationListener recordMatches = event -> event.getMatchingRules()
                .forEach(rule -> MATCHED.get().add(rule.getId()));
        configuration.customPostDecisionTableEvaluationListeners(List.of(recordMatches));
        engine = configuration.buildEngine();
        cells = new Cells(configuration);
    }

    /** Every fault of an edited table, written over the file it was read from. Empty when it may be saved. */
    List<Fault> check(String baseXml, Table base, Table edited) {
        List<Fault> faults = new ArrayList<>(structure(base, edited));
        if (!faults.isEmpty()) {
            return faults;
        }
        DmnDecision decision;
        try {
            decision = parse(DmnTables.write(baseXml, edited));
        } catch (RuntimeException e) {
            return List.of(new Fault(-1, -1, "The table is not a valid decision table: " + message(e)));
        }
        DmnDecisionTableImpl table = (DmnDecisionTableImpl) decision.getDecisionLogic();
        for (int r = 0; r < table.getRules().size(); r++) {
            faults.addAll(cells(base, table, r));
        }
        if (edited.hitPolicy().equals("UNIQUE")) {
            faults.addAll(overlaps(edited));
        }
        return faults;
    }

    DmnDecision parse(String xml) {
        DmnModelInstance model = DmnTables.parse(xml);
        return engine.parseDecision(DmnTables.decision(model).getId(), model);
    }

    /** Evaluates a table file on typed inputs; evaluation errors are reported in the result, not thrown. */
    Evaluation evaluate(String xml, Map<String, Object> inputs) {
        MATCHED.get().clear();
        try {
            DmnDecisionResult result = engine.evaluateDecision(parse(xml), Variables.fromMap(inputs));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (DmnDecisionResultEntries entries : result) {
                rows.add(new LinkedHashMap<>(entries.getEntryMap()));
            }
            return new Evaluation(List.copyOf(MATCHED.get()), rows, null);
        } catch (RuntimeException e) {
            return new Evaluation(List.copyOf(MATCHED.get()), List.of(), message(e));
        } finally {
            MATCHED.remove();
        }
    }

    /** A value typed for a column from what an admin typed. */
    static Object typed(Column column, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        String type = column.typeRef() == null ? "string" : column.typeRef().toLowerCase(Locale.ROOT);
        try {
            return switch (type) {
                case "boolean" -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "yes" -> true;
                    case "false", "no" -> false;
                    default -> throw new IllegalArgumentException("must be yes or no");
                };
                case "integer" -> Integer.valueOf(value);
                case "long" -> Long.valueOf(value);
                case "double" -> Double.valueOf(value);
                case "date" -> Date.from(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
                default -> value;
            };
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("must be " + (type.equals("date") ? "a date (yyyy-mm-dd)"
                    : type.equals("integer") || type.equals("long") ? "a whole number" : "a number"));
        }
    }

    /** Whether a result row holds the expected values (numbers compared by value). */
    static boolean sameValue(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            return new BigDecimal(e.toString()).compareTo(new BigDecimal(a.toString())) == 0;
        }
        return expected.toString().equals(actual.toString());
    }

    private static List<Fault> structure(Table base, Table edited) {
        List<Fault> faults = new ArrayList<>();
        if (!DmnTables.HIT_POLICIES.contains(edited.hitPolicy())) {
            faults.add(new Fault(-1, -1, "Hit policy must be one of " + String.join(", ", DmnTables.HIT_POLICIES)));
        }
        if (edited.rules().isEmpty()) {
            faults.add(new Fault(-1, -1, "A table needs at least one rule"));
        }
        if (edited.rules().size() > MAX_RULES) {
            faults.add(new Fault(-1, -1, "A table has at most " + MAX_RULES + " rules"));
        }
        for (int r = 0; r < edited.rules().size(); r++) {
            Rule rule = edited.rules().get(r);
            if (rule.inputEntries().size() != base.inputs().size()
                    || rule.outputEntries().size() != base.outputs().size()) {
                faults.add(new Fault(r, -1, "Needs one cell per column"));
                continue;
            }
            if (rule.annotation() != null && rule.annotation().length() > MAX_ANNOTATION) {
                faults.add(new Fault(r, -1, "The annotation is longer than " + MAX_ANNOTATION + " characters"));
            }
            List<String> all = new ArrayList<>(rule.inputEntries());
            all.addAll(rule.outputEntries());
            for (int c = 0; c < all.size(); c++) {
                if (all.get(c) != null && all.get(c).length() > MAX_CELL) {
                    faults.add(new Fault(r, c, "Longer than " + MAX_CELL + " characters"));
                }
            }
        }
        return faults;
    }

    private List<Fault> cells(Table base, DmnDecisionTableImpl table, int r) {
        List<Fault> faults = new ArrayList<>();
        DmnDecisionTableRuleImpl rule = table.getRules().get(r);
        Map<String, Object> sampleLine = new HashMap<>();
        for (DmnDecisionTableInputImpl input : table.getInputs()) {
            sampleLine.put(input.getExpression().getExpression(), samples(input.getExpression()).get(0));
        }
        for (int c = 0; c < table.getInputs().size(); c++) {
            DmnDecisionTableInputImpl input = table.getInputs().get(c);
            DmnExpressionImpl condition = rule.getConditions().get(c);
            if (condition.getExpression() == null || condition.getExpression().isBlank()) {
                continue;
            }
            String type = typeName(input.getExpression());
            for (Object sample : samples(input.getExpression())) {
                try {
                    TypedValue value = input.getExpression().getTypeDefinition().transform(sample);
                    VariableMap variables = Variables.fromMap(sampleLine);
                    variables.putValueTyped(input.getInputVariable(), value);
                    variables.putValueTyped(input.getExpression().getExpression(), value);
                    Object matches = cells.condition(input, condition, variables);
                    if (!(matches instanceof Boolean)) {
                        faults.add(new Fault(r, c, "Is not a condition on " + type + " values"));
                        break;
                    }
                } catch (RuntimeException e) {
                    faults.add(new Fault(r, c, "Cannot be evaluated on " + type + " values ("
                            + columnLabel(base.inputs().get(c)) + "): " + message(e)));
                    break;
                }
            }
        }
        for (int o = 0; o < table.getOutputs().size(); o++) {
            DmnDecisionTableOutputImpl output = table.getOutputs().get(o);
            Column column = base.outputs().get(o);
            DmnExpressionImpl conclusion = rule.getConclusions().get(o);
            int c = table.getInputs().size() + o;
            if (conclusion.getExpression() == null || conclusion.getExpression().isBlank()) {
                if (!column.allowedValues().isEmpty()) {
                    faults.add(new Fault(r, c, columnLabel(column) + " needs a value"));
                }
                continue;
            }
            try {
                Object value = cells.conclusion(conclusion, Variables.fromMap(sampleLine));
                TypedValue typed = output.getTypeDefinition() == null ? null
                        : output.getTypeDefinition().transform(value);
                if (!column.allowedValues().isEmpty() && typed != null && column.allowedValues().stream()
                        .map(TableChecks::unquote).noneMatch(v -> sameValue(v, typed.getValue()))) {
                    faults.add(new Fault(r, c, "Must be one of " + String.join(", ", column.allowedValues())));
                }
            } catch (RuntimeException e) {
                faults.add(new Fault(r, c, "Is not a " + (column.typeRef() == null ? "valid" : column.typeRef())
                        + " value: " + message(e)));
            }
        }
        return faults;
    }

    /** Under UNIQUE at most one rule may match: two rules with the same conditions always both match. */
    private static List<Fault> overlaps(Table edited) {
        List<Fault> faults = new ArrayList<>();
        Map<List<String>, Integer> seen = new HashMap<>();
        for (int r = 0; r < edited.rules().size(); r++) {
            List<String> conditions = edited.rules().get(r).inputEntries().stream()
                    .map(e -> e == null ? "" : e.replaceAll("\\s+", "")).toList();
            Integer earlier = seen.putIfAbsent(conditions, r);
            if (earlier != null) {
                faults.add(new Fault(r, -1, "Has the same conditions as rule " + (earlier + 1)
                        + ": under the UNIQUE hit policy only one rule may match"));
            }
        }
        return faults;
    }

    private static List<Object> samples(DmnExpressionImpl expression) {
        return switch (typeName(expression)) {
            case "boolean" -> List.of(true, false);
            case "integer" -> List.of(0, 3, 100);
            case "long" -> List.of(0L, 3L, 100L);
            case "double" -> List.of(0.0, 2.5, 1000.5);
            case "date" -> List.of(new Date(0));
            default -> List.of("sample");
        };
    }

    private static String typeName(DmnExpressionImpl expression) {
        return expression.getTypeDefinition() == null || expression.getTypeDefinition().getTypeName() == null
                ? "string" : expression.getTypeDefinition().getTypeName().toLowerCase(Locale.ROOT);
    }

    private static String columnLabel(Column column) {
        return column.label() != null && !column.label().isBlank() ? column.label() : column.name();
    }

    static String unquote(String literal) {
        String s = literal.strip();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** The engine's message without its code prefix, short enough for a page. */
    static String message(Throwable e) {
        Throwable root = e;
        String text = e.getMessage();
        while ((text == null || text.isBlank()) && root.getCause() != null) {
            root = root.getCause();
            text = root.getMessage();
        }
        text = text == null ? e.getClass().getSimpleName() : text.replaceFirst("^[A-Z]+-\\d+\\s*", "");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** The engine's own evaluation of a single cell. */
    private static final class Cells extends DecisionTableEvaluationHandler {

        Cells(DefaultDmnEngineConfiguration configuration) {
            super(configuration);
        }

        Object condition(DmnDecisionTableInputImpl input, DmnExpressionImpl cell, VariableMap variables) {
            return evaluateInputEntry(input, cell, variables.asVariableContext());
        }

        Object conclusion(DmnExpressionImpl cell, VariableMap variables) {
            return evaluateOutputEntry(cell, variables.asVariableContext());
        }
    }
}
