package org.pestle.refills.internal;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.pestle.messaging.TextConsentChanged;
import org.pestle.messaging.TextReply;
import org.pestle.messaging.TextReplyHandler;
import org.pestle.refills.RefillEvent.Kind;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The patient's answers by text. A YES to a refill reminder (matched by messaging to the last text sent to that
 * number, and so to its patient and clinic) asks for that refill; a STOP (every revocation word) ends every open
 * reminder of the patient.
 */
@Component
class RefillReplies implements TextReplyHandler {

    private static final Set<String> YES = Set.of("YES", "Y", "REFILL");

    private final RefillRecords records;
    private final RefillProcess process;
    private final RefillEvents events;
    private final RefillSettings settings;

    RefillReplies(RefillRecords records, RefillProcess process, RefillEvents events, RefillSettings settings) {
        this.records = records;
        this.process = process;
        this.events = events;
        this.settings = settings;
    }

    @Override
    public Set<String> purposes() {
        return Set.of(SendRefillReminder.PURPOSE);
    }

    @Override
    public Optional<String> handle(TextReply reply) {
        if (!YES.contains(reply.word())) {
            return Optional.empty();
        }
        Optional<RefillRow> refill = refillOf(reply).flatMap(records::find)
                .filter(r -> r.patientId().equals(reply.patientId()) && r.clinicId().equals(reply.clinicId()));
        if (refill.isPresent() && refill.get().open()
                && process.correlate(refill.get().id(), RefillProcess.MSG_REFILL_REQUESTED, "SMS")) {
            records.answered(refill.get().id(), "SMS");
            events.publish(Kind.REQUESTED, refill.get(), "patient:sms", "SMS");
            return Optional.of(settings.pharmacyName() + ": thank you, your refill request is with the pharmacist. "
                    + "We will text you when it is ready. Reply STOP to opt out.");
        }
        return Optional.of(settings.pharmacyName() + ": this refill is no longer waiting for an answer. Reply HELP "
                + "for help, STOP to opt out.");
    }

    @EventListener
    void on(TextConsentChanged event) {
        if (!event.optedOut()) {
            return;
        }
        for (RefillRow refill : records.openOfPatient(event.patientId())) {
            process.correlate(refill.id(), RefillProcess.MSG_TEXTS_REVOKED, "SMS");
        }
    }

    /** The refill a reminder was about: {@code REFILL_REMINDER:<refill id>:<reminder>}. */
    private static Optional<UUID> refillOf(TextReply reply) {
        String[] parts = reply.dedupeKey().split(":");
        try {
            return parts.length == 3 ? Optional.of(UUID.fromString(parts[1])) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
