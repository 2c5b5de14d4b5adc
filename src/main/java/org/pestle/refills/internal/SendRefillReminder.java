package org.pestle.refills.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.messaging.OutboundText;
import org.pestle.messaging.TextMessages;
import org.pestle.platform.DataScope;
import org.pestle.portal.PatientPageLinks;
import org.pestle.refills.RefillEvent.Kind;
import org.springframework.stereotype.Component;

/**
 * Task_SendReminder and Task_SendSecondReminder (asynchronous, retried): queue the reminder in the outbox, which
 * sends it within the texting limits and outside quiet hours, only to a patient who takes texts. The text names
 * the pharmacy and links to the patient's page; never the drug or the patient. Once per refill and reminder.
 */
@Component("sendRefillReminder")
class SendRefillReminder implements JavaDelegate {

    static final String PURPOSE = "REFILL_REMINDER";

    private final RefillRecords records;
    private final TextMessages texts;
    private final PatientPageLinks links;
    private final RefillSettings settings;
    private final RefillEvents events;
    private final DataScope dataScope;

    SendRefillReminder(RefillRecords records, TextMessages texts, PatientPageLinks links, RefillSettings settings,
            RefillEvents events, DataScope dataScope) {
        this.records = records;
        this.texts = texts;
        this.links = links;
        this.settings = settings;
        this.events = events;
        this.dataScope = dataScope;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dataScope.enterSystem("system:refill-reminders");
        RefillRow refill = records.find(RefillProcess.refillId(execution)).orElseThrow();
        int reminder = "Task_SendSecondReminder".equals(execution.getCurrentActivityId()) ? 2 : 1;
        texts.queue(new OutboundText(refill.organizationId(), refill.clinicId(), refill.patientId(), PURPOSE,
                body(refill, reminder), dedupeKey(refill, reminder)));
        records.reminded(refill.id(), reminder);
        events.publish(Kind.REMINDER_SENT, refill, "system:refill-reminders", String.valueOf(reminder));
    }

    static String dedupeKey(RefillRow refill, int reminder) {
        return PURPOSE + ":" + refill.id() + ":" + reminder;
    }

    String body(RefillRow refill, int reminder) {
        return settings.pharmacyName() + (reminder == 1 ? ": a refill is due soon." : ": reminder, a refill is due.")
                + " Reply YES to refill, STOP to stop. " + settings.publicUrl(links.pathFor(refill.patientId()));
    }
}
