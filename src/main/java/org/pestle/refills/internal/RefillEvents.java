package org.pestle.refills.internal;

import org.pestle.refills.RefillEvent;
import org.pestle.refills.RefillEvent.Kind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes what happened to a refill ({@link RefillEvent}), in the caller's transaction. */
@Component
class RefillEvents {

    private final ApplicationEventPublisher events;

    RefillEvents(ApplicationEventPublisher events) {
        this.events = events;
    }

    void publish(Kind kind, RefillRow refill, String actor, String code) {
        events.publishEvent(new RefillEvent(kind, refill.id(), refill.organizationId(), refill.clinicId(),
                refill.patientId(), actor, refill.dispensedOrderNumber(), code));
    }
}
