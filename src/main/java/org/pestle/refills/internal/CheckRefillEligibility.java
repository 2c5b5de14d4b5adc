package org.pestle.refills.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.platform.DataScope;
import org.pestle.refills.RefillEvent.Kind;
import org.springframework.stereotype.Component;

/**
 * Task_CheckRefillEligibility (asynchronous, retried): decisions/refill-eligibility.dmn on the day the patient asked:
 * how much of the supply has passed, how old the prescription is, how many refills are left. A refill asked too
 * early is refused with the reason, recorded on the refill.
 */
@Component("checkRefillEligibility")
class CheckRefillEligibility implements JavaDelegate {

    private final RefillRecords records;
    private final RefillDecisions decisions;
    private final RefillClock clock;
    private final RefillEvents events;
    private final DataScope dataScope;

    CheckRefillEligibility(RefillRecords records, RefillDecisions decisions, RefillClock clock, RefillEvents events,
            DataScope dataScope) {
        this.records = records;
        this.decisions = decisions;
        this.clock = clock;
        this.events = events;
        this.dataScope = dataScope;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dataScope.enterSystem("system:refill-reminders");
        RefillRow refill = records.find(RefillProcess.refillId(execution)).orElseThrow();
        long elapsed = clock.daysFrom(refill.dispensedAt(), clock.today());
        RefillDecisions.Eligibility now = decisions.eligibility(refill.controlledSchedule(), refill.refillsLeft(),
                refill.refillNumber(), clock.daysFrom(refill.prescribedAt(), clock.today()),
                (double) elapsed / refill.daysSupply());
        execution.setVariable(RefillProcess.REFILL_ELIGIBLE, now.eligible());
        execution.setVariable(RefillProcess.RENEWAL_REQUIRED, now.renewal());
        execution.setVariable(RefillProcess.REFILL_REASON, now.reason());
        if (!now.eligible() && !now.renewal()) {
            records.state(refill.id(), "REFUSED", now.reason());
            events.publish(Kind.REFUSED, refill, "system:refill-reminders", now.reason());
        }
    }
}
