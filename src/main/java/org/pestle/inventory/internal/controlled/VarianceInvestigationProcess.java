package org.pestle.inventory.internal.controlled;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Adapter to processes/controlled-variance-investigation.bpmn (business key: the reconciliation id). */
@Component
class VarianceInvestigationProcess {

    static final String PROCESS_KEY = "Process_ControlledVarianceInvestigation";
    static final String RECONCILIATION_ID = "reconciliationId";

    private final RuntimeService runtime;

    VarianceInvestigationProcess(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Starts the investigation in the caller's transaction: it commits or rolls back with the reconciliation. */
    void start(UUID reconciliationId, UUID itemId, BigDecimal variance) {
        runtime.startProcessInstanceByKey(PROCESS_KEY, reconciliationId.toString(), Map.of(RECONCILIATION_ID,
                reconciliationId.toString(), "itemId", itemId.toString(), "variance", variance.toPlainString()));
    }
}
