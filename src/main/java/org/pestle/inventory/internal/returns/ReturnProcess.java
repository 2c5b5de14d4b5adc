package org.pestle.inventory.internal.returns;

import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Adapter to processes/return-to-wholesaler.bpmn (business key: the return id). */
@Component
class ReturnProcess {

    static final String PROCESS_KEY = "Process_ReturnToWholesaler";
    static final String RETURN_ID = "returnId";

    private final RuntimeService runtime;

    ReturnProcess(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Starts the return in the caller's transaction. */
    void start(UUID returnId, int deaSchedule) {
        runtime.startProcessInstanceByKey(PROCESS_KEY, returnId.toString(), Map.of(RETURN_ID, returnId.toString(),
                "deaSchedule", deaSchedule, "controlled", deaSchedule != 0));
    }
}
