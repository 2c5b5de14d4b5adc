package org.pestle.console.internal.tasklist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Names every user task of every process in one place, so Tasklist's queue tells one order from another
 * without opening it: a parse listener gives each user task a create listener that sets the task's name
 * and description from {@link TasklistSettings} (by task definition key, or the default for an order's
 * task), its due date from the service level, and the eligibility rule's reason as the task-local
 * variable {@code reviewReason} for the form. A task of a process without an {@code orderId} variable
 * keeps its BPMN name. New user tasks need no code: they get the default name, or a template in
 * {@code application.yml}.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "pestle.tasklist.naming",
        havingValue = "true", matchIfMissing = true)
class TaskNamingPlugin extends AbstractProcessEnginePlugin {

    static final String REVIEW_REASON = "reviewReason";

    private final ObjectProvider<TaskNames> names;
    private final TasklistSettings settings;

    TaskNamingPlugin(ObjectProvider<TaskNames> names, TasklistSettings settings) {
        this.names = names;
        this.settings = settings;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        TaskListener namer = this::name;
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, namer);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    void name(DelegateTask task) {
        String key = task.getTaskDefinitionKey();
        Duration due = settings.due().get(key);
        if (due != null && task.getDueDate() == null) {
            task.setDueDate(Date.from(ClockUtil.getCurrentTime().toInstant().plus(due)));
        }
        Object orderId = task.getVariable("orderId");
        Object eligibility = task.getVariable("eligibility");
        Optional<Map<String, String>> facts = names.getObject().facts(task.getName(),
                orderId == null ? null : orderId.toString(), eligibility == null ? null : eligibility.toString());
        if (facts.isEmpty()) {
            return;
        }
        task.setName(TaskNames.fill(settings.nameTemplate(key), facts.get()));
        task.setDescription(TaskNames.fill(settings.descriptionTemplate(key), facts.get()));
        task.setVariableLocal(REVIEW_REASON, facts.get().get("reason"));
    }
}
