package org.pestle.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.platform.DataScope;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Camunda's history as audit records: process instances started and ended, user tasks created,
 * updated (assigned, claimed), completed and deleted, decisions evaluated (key, version, matched
 * rules), incidents, the user operation log and new deployments. Registered beside the default database handler, it
 * runs synchronously in the engine's transaction, so the records commit with the engine's work. The
 * actor is the Camunda-authenticated user (Tasklist, Cockpit, Pestle's own calls), else the
 * transaction's actor ({@code system:...} on the job executor). Identifiers and codes only: no
 * variable values, incident messages or operation-log values.
 */
@Component
class CamundaHistoryAuditor extends AbstractProcessEnginePlugin implements HistoryEventHandler {

    private final ObjectProvider<AuditRecords> audit;
    private final ObjectProvider<DataScope> dataScope;

    CamundaHistoryAuditor(ObjectProvider<AuditRecords> audit, ObjectProvider<DataScope> dataScope) {
        this.audit = audit;
        this.dataScope = dataScope;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        handlers.add(this);
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(true);
        // Deployments are no history event; a post-deployer sees each one (new, or loaded into the cache)
        List<Deployer> postDeployers = new ArrayList<>();
        if (configuration.getCustomPostDeployers() != null) {
            postDeployers.addAll(configuration.getCustomPostDeployers());
        }
        postDeployers.add(this::deployed);
        configuration.setCustomPostDeployers(postDeployers);
    }

    /** A new deployment (not one loaded into the cache again): its resources and the definitions it made, as key:version. */
    private void deployed(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        Map<String, Object> details = new TreeMap<>();
        put(details, "name", deployment.getName());
        put(details, "source", deployment.getSource());
        put(details, "tenantId", deployment.getTenantId());
        // Spring's auto-deployment names resources by their absolute path: the file name is what identifies them
        details.put("resources", deployment.getResources() == null ? List.of()
                : deployment.getResources().keySet().stream().map(name -> name.substring(name.lastIndexOf('/') + 1))
                        .sorted().toList());
        List<String> definitions = new ArrayList<>();
        if (deployment.getDeployedProcessDefinitions() != null) {
            deployment.getDeployedProcessDefinitions().forEach(d -> definitions.add(d.getKey() + ":" + d.getVersion()));
        }
        if (deployment.getDeployedDecisionDefinitions() != null) {
            deployment.getDeployedDecisionDefinitions().forEach(d -> definitions.add(d.getKey() + ":" + d.getVersion()));
        }
        details.put("definitions", definitions.stream().sorted().toList());
        // at startup nobody is signed in and no scope is set: the deployment is then Pestle's own
        String actor = actor();
        audit.getObject().record(AuditEntry.of("anonymous".equals(actor) ? "system:deployment" : actor,
                "deployment.created", "deployment", deployment.getId()).withDetails(details));
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        AuditEntry entry = toEntry(event);
        if (entry != null) {
            audit.getObject().record(entry);
        }
    }

    private AuditEntry toEntry(HistoryEvent event) {
        if (event instanceof HistoricProcessInstanceEventEntity process) {
            String action = switch (String.valueOf(process.getEventType())) {
                case "start" -> "process.started";
                case "end" -> "process.ended";
                default -> null;
            };
            return action == null ? null : entry(action, "process-instance", process.getProcessInstanceId(),
                    details(process, "tenantId", process.getTenantId()));
        }
        if (event instanceof HistoricTaskInstanceEventEntity task) {
            String action = switch (String.valueOf(task.getEventType())) {
                case "create" -> "task.created";
                case "update" -> "task.updated";
                case "complete" -> "task.completed";
                case "delete" -> "task.deleted";
                default -> null;
            };
            if (action == null) {
                return null;
            }
            Map<String, Object> details = details(task, "taskDefinitionKey", task.getTaskDefinitionKey());
            put(details, "assignee", task.getAssignee());
            put(details, "tenantId", task.getTenantId());
            return entry(action, "task", task.getTaskId(), details);
        }
        if (event instanceof HistoricDecisionEvaluationEvent evaluation) {
            HistoricDecisionInstanceEntity decision = evaluation.getRootHistoricDecisionInstance();
            Map<String, Object> details = details(decision, "decisionKey", decision.getDecisionDefinitionKey());
            put(details, "decisionDefinitionId", decision.getDecisionDefinitionId());
            put(details, "decisionVersion", version(decision.getDecisionDefinitionId()));
            details.put("matchedRules", decision.getOutputs() == null ? List.of()
                    : decision.getOutputs().stream().map(output -> output.getRuleId()).distinct().sorted().toList());
            return entry("decision.evaluated", "decision", decision.getDecisionDefinitionKey(), details);
        }
        if (event instanceof HistoricIncidentEventEntity incident) {
            Map<String, Object> details = details(incident, "incidentType", incident.getIncidentType());
            put(details, "activityId", incident.getActivityId());
            return entry("incident." + incident.getEventType(), "incident", incident.getId(), details);
        }
        if (event instanceof UserOperationLogEntryEventEntity operation) {
            Map<String, Object> details = details(operation, "operationType", operation.getOperationType());
            put(details, "entityType", operation.getEntityType());
            put(details, "property", operation.getProperty());
            put(details, "taskId", operation.getTaskId());
            put(details, "deploymentId", operation.getDeploymentId());
            put(details, "category", operation.getCategory());
            String actor = operation.getUserId() != null ? operation.getUserId() : actor();
            return AuditEntry.of(actor, "camunda.operation", "camunda-operation", operation.getOperationId())
                    .withDetails(details);
        }
        return null;
    }

    private AuditEntry entry(String action, String entityType, String entityId, Map<String, Object> details) {
        return AuditEntry.of(actor(), action, entityType, entityId).withDetails(details);
    }

    /** The Camunda-authenticated user of the running command, else the transaction's actor. */
    private String actor() {
        CommandContext command = Context.getCommandContext();
        String user = command == null ? null : command.getAuthenticatedUserId();
        return user != null ? user : dataScope.getObject().actor();
    }

    private static Map<String, Object> details(HistoryEvent event, String key, String value) {
        Map<String, Object> details = new TreeMap<>();
        put(details, "processDefinitionKey", event.getProcessDefinitionKey());
        put(details, "processInstanceId", event.getProcessInstanceId());
        put(details, key, value);
        return details;
    }

    private static void put(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    /** The version in a decision definition id of the form {@code key:version:id}, else null. */
    static Integer version(String decisionDefinitionId) {
        String[] parts = decisionDefinitionId == null ? new String[0] : decisionDefinitionId.split(":");
        if (parts.length == 3) {
            try {
                return Integer.valueOf(parts[1]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
