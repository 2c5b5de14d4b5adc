package org.pestle.refills.internal;

import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.platform.DataScope;
import org.pestle.refills.RefillEvent.Kind;
import org.springframework.stereotype.Component;

/**
 * Task_CheckRefillEligibility (asynchronous, retried): decisions/refill-eligibility.dmn on the day the patient asked:
 * how much of the supply has passed, how old the prescription is, how many refills are left. A refill asked too
 * early (on the patient page, before the reminder) is refused with the reason, recorded on the refill.
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

    /**
     * The day the refill is judged on: today; but a YES to a reminder answers the pharmacy's invitation, so it is
     * judged as of the day the reminder was planned for, if that is later (an operator who fired the reminder's
     * timer early let the patient refill early; the pharmacist still verifies the refill order).
     */
    private LocalDate asOf(RefillRow refill) {
        LocalDate today = clock.today();
        if (refill.state().startsWith("REMINDED")) {
            return records.reminderDueAt(refill.id()).map(due -> LocalDate.ofInstant(due, clock.zone()))
                    .filter(today::isBefore).orElse(today);
        }
        return today;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dataScope.enterSystem("system:refill-reminders");
        RefillRow refill = records.find(RefillProcess.refillId(execution)).orElseThrow();
        LocalDate asOf = asOf(refill);
        long elapsed = clock.daysFrom(refill.dispensedAt(), asOf);
        RefillDecisions.Eligibility now = decisions.eligibility(refill.controlledSchedule(), refill.refillsLeft(),
                refill.refillNumber(), clock.daysFrom(refill.prescribedAt(), asOf),
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
