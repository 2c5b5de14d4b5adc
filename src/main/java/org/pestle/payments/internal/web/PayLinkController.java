package org.pestle.payments.internal.web;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.stripe.exception.StripeException;
import org.pestle.payments.internal.PayLinks;
import org.pestle.payments.internal.Payment;
import org.pestle.payments.internal.PaymentSettings;
import org.pestle.payments.internal.SelfPay;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The patient's pay link, {@code /pay/<token>}: no login, only a valid signed token. It redirects to
 * the payment's Stripe Checkout page (a new session when the last one lapsed); a paid, cancelled or
 * expired payment gets a short page instead. Pages name the pharmacy only.
 */
@RestController
class PayLinkController {

    private final PayLinks links;
    private final SelfPay selfPay;
    private final PaymentSettings settings;

    PayLinkController(PayLinks links, SelfPay selfPay, PaymentSettings settings) {
        this.links = links;
        this.selfPay = selfPay;
        this.settings = settings;
    }

    @GetMapping(path = "/pay/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> pay(@PathVariable String token) throws StripeException {
        Optional<UUID> paymentId = links.verify(token, Instant.now());
        if (paymentId.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "This payment link is not valid or has expired.");
        }
        Optional<String> checkout = selfPay.checkoutUrlForLink(paymentId.get());
        if (checkout.isPresent()) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(checkout.get())).build();
        }
        Payment.Status status = selfPay.payment(paymentId.get()).map(Payment::status).orElse(Payment.Status.CANCELLED);
        return page(HttpStatus.OK, status == Payment.Status.CAPTURED || status == Payment.Status.INVOICED
                ? "This order is paid. Thank you." : "This order no longer needs a payment.");
    }

    @GetMapping(path = "/pay/done", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> done(@RequestParam(required = false) String cancelled) {
        return page(HttpStatus.OK, cancelled == null ? "Thank you: your payment was received. You can close this page."
                : "Payment not completed. You can use the link in your text message again.");
    }

    private ResponseEntity<String> page(HttpStatus status, String message) {
        String name = HtmlUtils.htmlEscape(settings.pharmacyName());
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body("""
                <!doctype html><html><head><meta name="viewport" content="width=device-width"><title>%s</title>
                <link rel="stylesheet" href="/css/pestle.css"></head><body><main><h1>%s</h1><p>%s</p></main></body></html>"""
                .formatted(name, name, HtmlUtils.htmlEscape(message)));
    }
}
