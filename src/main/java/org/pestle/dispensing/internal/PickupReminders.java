package org.pestle.dispensing.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.pestle.rules.DecisionTables;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.ClinicSettings;
import org.pestle.tenancy.Clinics;
import org.springframework.stereotype.Component;

/**
 * When a ready order's reminders and its return to stock are due, for the timers on Task_RecordPickup
 * ({@code ${pickupReminders.firstReminderDue(execution)}}, {@code ${pickupReminders.returnToStockDue(execution)}}).
 * Reminder n is sent {@code hoursAfterReady} hours after the order was ready, as decisions/pickup-reminders.dmn
 * says (48 h and 72 h as shipped); the order is returned to stock on the clinic's return-to-stock day. Times are
 * ISO-8601 durations from now, so the engine's clock drives them.
 */
@Component("pickupReminders")
public class PickupReminders {

    static final String DECISION = "Decision_PickupReminders";

    private final DecisionTables decisions;
    private final Clinics clinics;

    PickupReminders(DecisionTables decisions, Clinics clinics) {
        this.decisions = decisions;
        this.clinics = clinics;
    }

    /** The timer of the first reminder; after the return-to-stock day (so never) when the table has none before it. */
    public String firstReminderDue(DelegateExecution execution) {
        int returnHours = returnToStockHours(clinicId(execution));
        return hoursAfterReady(1).filter(hours -> hours < returnHours).map(hours -> "PT" + hours + "H")
                .orElse("PT" + (returnHours + 24) + "H");
    }

    /** The timer of the return to stock: the clinic's return-to-stock day after the order was ready. */
    public String returnToStockDue(DelegateExecution execution) {
        return "PT" + returnToStockHours(clinicId(execution)) + "H";
    }

    /** The hours after the order was ready that reminder n is sent, if the table sends it. */
    Optional<Integer> hoursAfterReady(int reminderNumber) {
        DmnDecisionResultEntries result = decisions.evaluateSingle(DECISION, Map.of("reminderNumber", reminderNumber));
        Object hours = result.getEntryMap().get("hoursAfterReady");
        if (!Boolean.TRUE.equals(result.getEntryMap().get("remind")) || !(hours instanceof Number number)
                || number.intValue() <= 0) {
            return Optional.empty();
        }
        return Optional.of(number.intValue());
    }

    int returnToStockHours(UUID clinicId) {
        return clinics.find(clinicId).map(Clinic::returnToStockDays).filter(days -> days > 0)
                .orElse(ClinicSettings.DEFAULT_RETURN_TO_STOCK_DAYS) * 24;
    }

    static UUID clinicId(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable("clinicId"));
    }
}
