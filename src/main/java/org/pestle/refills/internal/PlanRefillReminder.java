package org.pestle.refills.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.ordering.Orders;
import org.pestle.platform.DataScope;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.pestle.tenancy.Prescribers;
import org.springframework.stereotype.Component;

/**
 * Task_PlanReminder (asynchronous, retried): the reminder is due the clinic's lead days before the supply runs out,
 * as decisions/refill-reminder-timing.dmn adjusts them, at the pharmacy's reminder time (never in the past); and
 * decisions/refill-eligibility.dmn says, for that day, whether the prescriber must renew the prescription instead.
 */
@Component("planRefillReminder")
class PlanRefillReminder implements JavaDelegate {

    private final RefillRecords records;
    private final RefillDecisions decisions;
    private final Clinics clinics;
    private final Orders orders;
    private final Prescribers prescribers;
    private final RefillClock clock;
    private final RefillSettings settings;
    private final DataScope dataScope;

    PlanRefillReminder(RefillRecords records, RefillDecisions decisions, Clinics clinics, Orders orders,
            Prescribers prescribers, RefillClock clock, RefillSettings settings, DataScope dataScope) {
        this.records = records;
        this.decisions = decisions;
        this.clinics = clinics;
        this.orders = orders;
        this.prescribers = prescribers;
        this.clock = clock;
        this.settings = settings;
        this.dataScope = dataScope;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dataScope.enterSystem("system:refill-reminders");
        RefillRow refill = records.find(RefillProcess.refillId(execution)).orElseThrow();
        int leadDays = clinics.find(refill.clinicId()).map(Clinic::refillReminderLeadDays).orElse(7);
        RefillDecisions.Timing timing = decisions.timing(leadDays, refill.daysSupply(), refill.maintenance(),
                refill.controlledSchedule());
        LocalDate reminderDay = refill.runsOutOn().minusDays(timing.reminderLeadDays());
        Instant due = reminderDay.atTime(settings.reminderTime()).atZone(clock.zone()).toInstant();
        if (due.isBefore(clock.now())) {
            due = clock.now();
            reminderDay = clock.today();
        }
        long elapsed = clock.daysFrom(refill.dispensedAt(), reminderDay);
        RefillDecisions.Eligibility then = decisions.eligibility(refill.controlledSchedule(), refill.refillsLeft(),
                refill.refillNumber(), clock.daysFrom(refill.prescribedAt(), reminderDay),
                (double) elapsed / refill.daysSupply());
        records.planned(refill.id(), due);
        execution.setVariable(RefillProcess.REMINDER_DUE_AT, Date.from(due));
        execution.setVariable(RefillProcess.ANSWER_WAIT, "P" + timing.secondReminderAfterDays() + "D");
        execution.setVariable(RefillProcess.MAINTENANCE, refill.maintenance());
        execution.setVariable(RefillProcess.RENEWAL_REQUIRED, then.renewal());
        execution.setVariable(RefillProcess.REFILL_REASON, then.reason());
        execution.setVariable(RefillProcess.PRESCRIBER_USER_ID, orders.findForSystem(refill.dispensedOrderId())
                .flatMap(order -> prescribers.find(order.prescriberId())).map(p -> p.username()).orElseThrow());
    }
}
