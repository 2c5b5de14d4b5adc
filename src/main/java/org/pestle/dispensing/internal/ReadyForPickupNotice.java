package org.pestle.dispensing.internal;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.messaging.OutboundText;
import org.pestle.messaging.TextMessages;
import org.pestle.ordering.OrderView;
import org.pestle.ordering.Orders;
import org.pestle.platform.DataScope;
import org.pestle.portal.PatientPageLinks;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.springframework.stereotype.Component;

/**
 * Task_SendReadyNotice (asynchronous, retried): queues the "ready for pickup" text in the outbox, which sends it
 * outside quiet hours and only to a patient who has not opted out. The text carries the pharmacy's name and a
 * link to the patient's page, never the drug or the patient's name; once per order and final check.
 */
@Component("readyForPickupNotice")
class ReadyForPickupNotice implements JavaDelegate {

    static final String PURPOSE = "READY_FOR_PICKUP";

    private final Orders orders;
    private final Clinics clinics;
    private final TextMessages texts;
    private final PatientPageLinks links;
    private final DispensingSettings settings;
    private final DataScope dataScope;

    ReadyForPickupNotice(Orders orders, Clinics clinics, TextMessages texts, PatientPageLinks links,
            DispensingSettings settings, DataScope dataScope) {
        this.orders = orders;
        this.clinics = clinics;
        this.texts = texts;
        this.links = links;
        this.settings = settings;
        this.dataScope = dataScope;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dataScope.enterSystem("system:ready-notice");
        UUID orderId = FulfillmentVariables.orderId(execution);
        OrderView order = orders.findForSystem(orderId).orElseThrow();
        UUID organizationId = clinics.find(order.clinicId()).map(Clinic::organizationId).orElseThrow();
        texts.queue(new OutboundText(organizationId, order.clinicId(), order.patientId(), PURPOSE, body(order),
                PURPOSE + ":" + orderId));
    }

    String body(OrderView order) {
        return settings.pharmacyName() + ": your order is ready for pickup. Details: "
                + settings.publicUrl(links.pathFor(order.patientId()));
    }
}
