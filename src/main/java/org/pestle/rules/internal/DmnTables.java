package org.pestle.rules.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Description;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.pestle.rules.RuleTables.Column;
import org.pestle.rules.RuleTables.Table;

/**
 * Reads and writes decision tables with Camunda's DMN model API. A file holds one decision whose logic is a
 * decision table; editing changes the hit policy and the rules and keeps everything else of the file (columns,
 * history time to live, diagram) as it was.
 */
final class DmnTables {

    /** The hit policies the engine supports (PRIORITY and OUTPUT ORDER are not). */
    static final List<String> HIT_POLICIES = List.of("UNIQUE", "FIRST", "ANY", "COLLECT", "RULE_ORDER");

    private DmnTables() {
    }

    static DmnModelInstance parse(String xml) {
        return Dmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The one decision of a file. */
    static Decision decision(DmnModelInstance model) {
        List<Decision> decisions = new ArrayList<>(model.getModelElementsByType(Decision.class));
        if (decisions.size() != 1 || !(decisions.get(0).getExpression() instanceof DecisionTable)) {
            throw new IllegalArgumentException("A rules file holds exactly one decision with a decision table");
        }
        return decisions.get(0);
    }

    static Table read(String xml) {
        return read(parse(xml));
    }

    static Table read(DmnModelInstance model) {
        Decision decision = decision(model);
        DecisionTable table = (DecisionTable) decision.getExpression();
        List<Column> inputs = new ArrayList<>();
        for (Input input : table.getInputs()) {
            inputs.add(new Column(input.getId(), input.getLabel(), text(input.getInputExpression().getText()),
                    input.getInputExpression().getTypeRef(), values(input.getInputValues())));
        }
        List<Column> outputs = new ArrayList<>();
        for (Output output : table.getOutputs()) {
            outputs.add(new Column(output.getId(), output.getLabel(), output.getName(), output.getTypeRef(),
                    values(output.getOutputValues())));
        }
        List<org.pestle.rules.RuleTables.Rule> rules = new ArrayList<>();
        for (Rule rule : table.getRules()) {
            rules.add(new org.pestle.rules.RuleTables.Rule(rule.getId(),
                    rule.getDescription() == null ? "" : rule.getDescription().getTextContent().strip(),
                    rule.getInputEntries().stream().map(e -> text(e.getText())).toList(),
                    rule.getOutputEntries().stream().map(e -> text(e.getText())).toList()));
        }
        return new Table(decision.getId(), decision.getName(), table.getHitPolicy().name(), inputs, outputs, rules);
    }

    /**
     * The file with the edited table's hit policy and rules; new rules get ids made from their annotation. The rules'
     * number of cells must match the columns (checked before).
     */
    static String write(String baseXml, Table edited) {
        DmnModelInstance model = parse(baseXml);
        DecisionTable table = (DecisionTable) decision(model).getExpression();
        table.setHitPolicy(HitPolicy.valueOf(edited.hitPolicy()));
        if (table.getHitPolicy() != HitPolicy.COLLECT && table.getAggregation() != null) {
            table.removeAttribute("aggregation");
        }
        List<Input> inputs = new ArrayList<>(table.getInputs());
        List<Output> outputs = new ArrayList<>(table.getOutputs());
        table.getRules().clear();
        Set<String> ids = new HashSet<>();
        for (org.pestle.rules.RuleTables.Rule edit : edited.rules()) {
            String id = ruleId(edit, ids);
            ids.add(id);
            String suffix = id.startsWith("Rule_") ? id.substring(5) : id;
            Rule rule = model.newInstance(Rule.class);
            rule.setId(id);
            if (!edit.annotation().isBlank()) {
                Description description = model.newInstance(Description.class);
                description.setTextContent(edit.annotation().strip());
                rule.setDescription(description);
            }
            for (int i = 0; i < inputs.size(); i++) {
                InputEntry entry = model.newInstance(InputEntry.class);
                entry.setId("InputEntry_" + suffix + "_" + columnSuffix(inputs.get(i).getId(), "Input_"));
                entry.setText(text(model, edit.inputEntries().get(i)));
                rule.getInputEntries().add(entry);
            }
            for (int i = 0; i < outputs.size(); i++) {
                OutputEntry entry = model.newInstance(OutputEntry.class);
                entry.setId("OutputEntry_" + suffix + "_" + columnSuffix(outputs.get(i).getId(), "Output_"));
                entry.setText(text(model, edit.outputEntries().get(i)));
                rule.getOutputEntries().add(entry);
            }
            table.getRules().add(rule);
        }
        Dmn.validateModel(model);
        return Dmn.convertToString(model);
    }

    /** A stable fingerprint of a table's content (columns, hit policy, rules), independent of formatting. */
    static String fingerprint(Table table) {
        StringBuilder canonical = new StringBuilder(table.decisionKey()).append('\u0000').append(table.hitPolicy());
        for (Column column : table.inputs()) {
            canonical.append("\u0001I").append(column.name()).append('|').append(column.typeRef());
        }
        for (Column column : table.outputs()) {
            canonical.append("\u0001O").append(column.name()).append('|').append(column.typeRef());
        }
        for (org.pestle.rules.RuleTables.Rule rule : table.rules()) {
            canonical.append("\u0002").append(rule.id()).append('|').append(rule.annotation());
            rule.inputEntries().forEach(e -> canonical.append('\u0003').append(e.strip()));
            rule.outputEntries().forEach(e -> canonical.append('\u0004').append(e.strip()));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A kept id, or one made from the annotation's first words: "Hold large orders" becomes Rule_HoldLargeOrders. */
    private static String ruleId(org.pestle.rules.RuleTables.Rule rule, Set<String> taken) {
        if (rule.id() != null && rule.id().matches("[A-Za-z_][A-Za-z0-9_.-]*") && !taken.contains(rule.id())) {
            return rule.id();
        }
        StringBuilder base = new StringBuilder("Rule_");
        Arrays.stream(rule.annotation().split("[^A-Za-z0-9]+")).filter(w -> !w.isEmpty()).limit(5)
                .forEach(w -> base.append(w.substring(0, 1).toUpperCase(Locale.ROOT)).append(w.substring(1)));
        if (base.length() == 5 || Character.isDigit(base.charAt(5))) {
            base.append("New");
        }
        String id = base.toString();
        for (int n = 2; taken.contains(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }

    private static String columnSuffix(String columnId, String prefix) {
        return columnId.startsWith(prefix) ? columnId.substring(prefix.length()) : columnId;
    }

    private static Text text(DmnModelInstance model, String content) {
        Text text = model.newInstance(Text.class);
        text.setTextContent(content == null ? "" : content.strip());
        return text;
    }

    private static String text(Text text) {
        return text == null || text.getTextContent() == null ? "" : text.getTextContent().strip();
    }

    private static List<String> values(UnaryTests tests) {
        if (tests == null || tests.getText() == null || text(tests.getText()).isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text(tests.getText()).split(",")).map(String::strip).toList();
    }
}
