package org.pestle.inventory.internal.expiry;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_QuarantineExpiredLots of processes/stock-expiry.bpmn: the daily sweep, and counts for the gateway. */
@Component("quarantineExpiredLots")
class QuarantineExpiredLots implements JavaDelegate {

    private final ExpiryWatch watch;

    QuarantineExpiredLots(ExpiryWatch watch) {
        this.watch = watch;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ExpiryWatch.Sweep sweep = watch.sweep();
        execution.setVariable("quarantinedCount", sweep.quarantined());
        execution.setVariable("expiringCount", sweep.expiring());
        execution.setVariable("expiredOnHandCount", sweep.expiredOnHand());
    }
}
