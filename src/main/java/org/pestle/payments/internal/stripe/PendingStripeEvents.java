package org.pestle.payments.internal.stripe;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Applies webhook events that arrived before their process waited for them. */
@Component
class PendingStripeEvents {

    private final StripeEvents events;

    PendingStripeEvents(StripeEvents events) {
        this.events = events;
    }

    @Scheduled(fixedDelayString = "${pestle.payments.pending-event-interval:PT2S}", initialDelayString = "PT5S")
    void apply() {
        events.applyPending();
    }
}
