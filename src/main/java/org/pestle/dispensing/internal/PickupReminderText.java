package org.pestle.dispensing.internal;

import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.messaging.OutboundText;
import org.pestle.messaging.TextMessages;
import org.pestle.ordering.OrderStatus;
import org.pestle.ordering.OrderView;
import org.pestle.ordering.Orders;
import org.pestle.platform.DataScope;
import org.pestle.portal.PatientPageLinks;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.springframework.stereotype.Component;

/**
 * Task_SendPickupReminder (asynchronous, retried): queues pickup reminder n in the outbox (which keeps consent and
 * quiet hours), once per order and reminder, while the order is still READY and before the clinic's
 * return-to-stock day. The text carries the pharmacy's name and a link to the patient's page, never the drug or
 * the patient's name. Then asks decisions/pickup-reminders.dmn whether another reminder follows and when
 * ({@code morePickupReminders}, {@code nextPickupReminderIn}); a table whose hours do not grow stops here.
 */
@Component("pickupReminderText")
class PickupReminderText implements JavaDelegate {

    static final String PURPOSE = "PICKUP_REMINDER";

    private final PickupReminders reminders;
    private final Orders orders;
    private final Clinics clinics;
    private final TextMessages texts;
    private final PatientPageLinks links;
    private final DispensingSettings settings;
    private final DataScope dataScope;

    PickupReminderText(PickupReminders reminders, Orders orders, Clinics clinics, TextMessages texts,
            PatientPageLinks links, DispensingSettings settings, DataScope dataScope) {
        this.reminders = reminders;
        this.orders = orders;
        this.clinics = clinics;
        this.texts = texts;
        this.links = links;
        this.settings = settings;
        this.dataScope = dataScope;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dataScope.enterSystem("system:pickup-reminders");
        Object number = execution.getVariable(FulfillmentVariables.PICKUP_REMINDER_NUMBER);
        int reminder = number instanceof Number n ? n.intValue() : 1;
        UUID orderId = FulfillmentVariables.orderId(execution);
        OrderView order = orders.findForSystem(orderId).orElseThrow();
        int returnHours = reminders.returnToStockHours(order.clinicId());
        Optional<Integer> hours = reminders.hoursAfterReady(reminder).filter(h -> h < returnHours);
        boolean more = false;
        if (hours.isPresent() && order.status() == OrderStatus.READY) {
            UUID organizationId = clinics.find(order.clinicId()).map(Clinic::organizationId).orElseThrow();
            texts.queue(new OutboundText(organizationId, order.clinicId(), order.patientId(), PURPOSE, body(order),
                    PURPOSE + ":" + orderId + ":" + reminder));
            Optional<Integer> next = reminders.hoursAfterReady(reminder + 1)
                    .filter(h -> h > hours.get() && h < returnHours);
            if (next.isPresent()) {
                more = true;
                execution.setVariable(FulfillmentVariables.PICKUP_REMINDER_NUMBER, reminder + 1);
                execution.setVariable(FulfillmentVariables.NEXT_PICKUP_REMINDER_IN,
                        "PT" + (next.get() - hours.get()) + "H");
            }
        }
        execution.setVariable(FulfillmentVariables.MORE_PICKUP_REMINDERS, more);
    }

    String body(OrderView order) {
        return settings.pharmacyName() + ": a reminder that your order is ready for pickup. Details: "
                + settings.publicUrl(links.pathFor(order.patientId()));
    }
}
