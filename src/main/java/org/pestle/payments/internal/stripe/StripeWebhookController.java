package org.pestle.payments.internal.stripe;

import com.stripe.model.Event;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/stripe}: called by Stripe, not by a signed-in user. A bad or stale signature
 * is answered 400 and changes nothing; a repeated event id is answered 200 and changes nothing.
 */
@RestController
class StripeWebhookController {

    private final StripeEvents events;

    StripeWebhookController(StripeEvents events) {
        this.events = events;
    }

    @PostMapping("/webhooks/stripe")
    ResponseEntity<Void> receive(@RequestBody String payload,
            @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        Event event = events.verify(payload, signature).orElse(null);
        if (event == null) {
            return ResponseEntity.badRequest().build();
        }
        events.receive(event);
        return ResponseEntity.ok().build();
    }
}
