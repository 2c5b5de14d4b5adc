package org.pestle.ordering.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Benchmark instrumentation, never part of the application: an engine plugin, registered only by
 * {@link OrderIntakeBenchmark} (it is not a Spring component, so no scanned context picks it up), that
 * adds a "create" task listener to Task_VerifyPrescription. The listener registers a transaction
 * listener, and that records {@link System#nanoTime()} right after the job executor's transaction that
 * created the task has COMMITTED, which is the moment the task exists for anybody else (Tasklist, a
 * query). Cost per task: one map entry and one transaction synchronization, no database round trip
 * (the orderId variable is already loaded by the eligibility delegate in the same command).
 */
final class BenchmarkProbe extends AbstractProcessEnginePlugin {

    static final String VERIFY_TASK = "Task_VerifyPrescription";
    static final String ELIGIBILITY_TASK = "Task_CheckEligibility";

    /**
     * {@code -Dbench.asyncEligibility=true}: Task_CheckEligibility runs as a job, as it did before it
     * moved into the submit transaction (its asyncBefore is switched on when the model is parsed), to
     * measure what the asynchronous job costs.
     */
    static final boolean ASYNC_ELIGIBILITY = Boolean.getBoolean("bench.asyncEligibility");

    /** When the verification task of an order became visible. */
    record Seen(String taskId, String businessKey, long committedNanos) {
    }

    private final Map<String, Seen> seenByOrderId = new ConcurrentHashMap<>();

    private final TaskListener onCreate = (DelegateTask task) -> {
        String orderId = (String) task.getVariable(OrderProcess.ORDER_ID);
        String taskId = task.getId();
        String businessKey = task.getExecution().getProcessBusinessKey();
        Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                commandContext -> seenByOrderId.put(orderId, new Seen(taskId, businessKey, System.nanoTime())));
    };

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
        if (listeners == null) {
            listeners = new ArrayList<>();
            configuration.setCustomPostBPMNParseListeners(listeners);
        }
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
                // an experiment, never the application's setting: eligibility as a job, as before
                if (ASYNC_ELIGIBILITY && ELIGIBILITY_TASK.equals(activity.getId())) {
                    activity.setAsyncBefore(true);
                }
            }

            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (VERIFY_TASK.equals(activity.getId())) {
                    ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                            .addTaskListener(TaskListener.EVENTNAME_CREATE, onCreate);
                }
            }
        });
    }

    /** The verification task of this order, once its creating transaction has committed. */
    Seen seen(String orderId) {
        return seenByOrderId.get(orderId);
    }

    int seenCount() {
        return seenByOrderId.size();
    }
}
