package org.pestle.rules.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Adapter to Camunda's repository: deploys a table as a new decision version (processes and Java callers evaluate
 * the latest version, so it applies at once) and finds the running process instances waiting at a step that
 * evaluates a decision (a business rule task naming it, or a step with the extension property
 * {@code evaluatesDecision}).
 */
@Component
class DecisionDeployments {

    static final String SOURCE = "pestle-rules";
    static final String EVALUATES_DECISION = "evaluatesDecision";
    private static final int MAX_LISTED = 200;

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final Map<String, List<String>> stepsByDefinition = new ConcurrentHashMap<>();

    DecisionDeployments(RepositoryService repository, RuntimeService runtime) {
        this.repository = repository;
        this.runtime = runtime;
    }

    /** Deploys a table file in the caller's transaction. */
    Deployed deploy(String decisionKey, String resourceName, String xml) {
        Deployment deployment = repository.createDeployment().name("Pestle rules: " + decisionKey).source(SOURCE)
                .addString(resourceName, xml).deploy();
        DecisionDefinition definition = repository.createDecisionDefinitionQuery().deploymentId(deployment.getId())
                .decisionDefinitionKey(decisionKey).singleResult();
        return new Deployed(definition.getId(), deployment.getId(), definition.getVersion());
    }

    /** The latest deployed version of a decision, with its file, if Camunda has one. */
    Optional<Latest> latest(String decisionKey) {
        DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey)
                .withoutTenantId().latestVersion().singleResult();
        if (definition == null) {
            return Optional.empty();
        }
        try (InputStream in = repository.getDecisionModel(definition.getId())) {
            return Optional.of(new Latest(definition.getId(), definition.getDeploymentId(), definition.getVersion(),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read decision " + definition.getId(), e);
        }
    }

    /** Steps ("process key: step name") that evaluate the decision, and the orders waiting at them. */
    WaitingAt waitingAt(String decisionKey) {
        List<String> steps = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().list()) {
            List<String> activities = stepsByDefinition.computeIfAbsent(definition.getId() + "|" + decisionKey,
                    id -> steps(repository.getBpmnModelInstance(definition.getId()), decisionKey));
            if (activities.isEmpty()) {
                continue;
            }
            activities.forEach(a -> {
                String step = definition.getName() + ": " + a.substring(a.indexOf('|') + 1);
                if (!steps.contains(step)) {
                    steps.add(step);
                }
            });
            if (orders.size() < MAX_LISTED) {
                String[] ids = activities.stream().map(a -> a.substring(0, a.indexOf('|'))).toArray(String[]::new);
                for (ProcessInstance instance : runtime.createProcessInstanceQuery()
                        .processDefinitionId(definition.getId()).activityIdIn(ids)
                        .listPage(0, MAX_LISTED - orders.size())) {
                    orders.add(instance.getBusinessKey() == null ? instance.getId() : instance.getBusinessKey());
                }
            }
        }
        return new WaitingAt(steps, orders);
    }

    private static List<String> steps(BpmnModelInstance model, String decisionKey) {
        List<String> activities = new ArrayList<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            boolean evaluates = node instanceof BusinessRuleTask task
                    && decisionKey.equals(task.getCamundaDecisionRef());
            Collection<CamundaProperty> properties = node.getExtensionElements() == null ? List.of()
                    : node.getExtensionElements().getElementsQuery().filterByType(
                            org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
                            .flatMap(p -> p.getCamundaProperties().stream()).toList();
            evaluates |= properties.stream().anyMatch(p -> EVALUATES_DECISION.equals(p.getCamundaName())
                    && decisionKey.equals(p.getCamundaValue()));
            if (evaluates) {
                activities.add(node.getId() + "|" + (node.getName() == null ? node.getId() : node.getName()));
            }
        }
        return activities;
    }

    record Deployed(String definitionId, String deploymentId, int version) {
    }

    record Latest(String definitionId, String deploymentId, int version, String xml) {
    }

    record WaitingAt(List<String> steps, List<String> orders) {
    }
}
