package org.pestle.dispensing.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.platform.DataScope;
import org.springframework.stereotype.Component;

/**
 * Task_SettleCancelledPreparations (asynchronous, retried): after a cancellation, the preparations of the order
 * that were already made are destroyed in the ledger (the system scope sees stock; the cancelling user may not).
 * Running it again destroys nothing twice.
 */
@Component("settleCancelledPreparations")
class SettleCancelledPreparations implements JavaDelegate {

    static final String ACTOR = "system:order-cancellation";

    private final Destructions destructions;
    private final DataScope dataScope;

    SettleCancelledPreparations(Destructions destructions, DataScope dataScope) {
        this.destructions = destructions;
        this.dataScope = dataScope;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dataScope.enterSystem(ACTOR);
        destructions.settleCancelled(FulfillmentVariables.orderId(execution), ACTOR);
    }
}
