package org.pestle.refills;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.engine.variable.Variables;

/** A decision table of decisions/, parsed by a DMN engine on the legacy FEEL setting the application runs, that tells which rows matched. */
final class DecisionHarness {

    private final List<String> matched = new ArrayList<>();
    private final DmnEngine engine;
    private final DmnDecision decision;

    DecisionHarness(String resource, String decisionKey) {
        DefaultDmnEngineConfiguration configuration = new DefaultDmnEngineConfiguration();
        configuration.enableFeelLegacyBehavior(true);
        DmnDecisionTableEvaluationListener recordMatches = event -> event.getMatchingRules()
                .forEach(rule -> matched.add(rule.getId()));
        configuration.customPostDecisionTableEvaluationListeners(List.of(recordMatches));
        engine = configuration.buildEngine();
        try (InputStream table = DecisionHarness.class.getResourceAsStream(resource)) {
            decision = engine.parseDecision(decisionKey, table);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> ruleIds() {
        return ((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules().stream().map(r -> r.getId()).toList();
    }

    /** The result, and in {@link #matched()} the first matching row (FIRST hit policy). */
    DmnDecisionResultEntries evaluate(Map<String, Object> inputs) {
        matched.clear();
        return engine.evaluateDecision(decision, Variables.fromMap(inputs)).getSingleResult();
    }

    List<String> matched() {
        return List.copyOf(matched);
    }
}
