package org.pestle.payments.internal.stripe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.Gson;
import com.stripe.Stripe;
import com.stripe.net.Webhook;
import org.pestle.payments.internal.PaymentSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The embedded default's stand-in for Stripe (never in production: the postgres profile turns it
 * off). It answers the calls stripe-java makes for Pestle in Stripe's shapes, honours idempotency
 * keys, and serves a demo checkout page whose "Pay" sends a correctly signed
 * {@code checkout.session.completed} webhook, as Stripe does. The clinic card {@code pm_card_chargeDeclined}
 * is declined, like Stripe's test card of that name. State is kept in memory.
 */
@RestController
@RequestMapping("/stand-ins/stripe")
@ConditionalOnProperty(name = "pestle.payments.stripe.stand-in", havingValue = "true")
class StripeStandIn {

    private static final Gson JSON = new Gson();

    private final Map<String, Map<String, Object>> objects = new ConcurrentHashMap<>();
    private final Map<String, String> idempotent = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final PaymentSettings settings;

    StripeStandIn(PaymentSettings settings) {
        this.settings = settings;
    }

    @PostMapping(path = "/v1/checkout/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
    String createSession(@RequestBody MultiValueMap<String, String> form,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return once(key, () -> {
            String id = "cs_test_" + token();
            Map<String, Object> session = new LinkedHashMap<>();
            session.put("id", id);
            session.put("object", "checkout.session");
            session.put("mode", "payment");
            session.put("status", "open");
            session.put("payment_status", "unpaid");
            session.put("amount_total", Long.parseLong(form.getFirst("line_items[0][price_data][unit_amount]")));
            session.put("currency", "usd");
            session.put("client_reference_id", form.getFirst("client_reference_id"));
            session.put("expires_at", Long.parseLong(form.getFirst("expires_at")));
            session.put("success_url", form.getFirst("success_url"));
            session.put("metadata", metadata(form));
            session.put("url", settings.publicUrl("/stand-ins/stripe/checkout/" + id));
            return save(session);
        });
    }

    @GetMapping(path = "/v1/checkout/sessions/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> session(@PathVariable String id) {
        return found(id);
    }

    @PostMapping(path = "/v1/checkout/sessions/{id}/expire", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> expire(@PathVariable String id) {
        Map<String, Object> session = objects.get(id);
        if (session != null && "open".equals(session.get("status"))) {
            session.put("status", "expired");
        }
        return found(id);
    }

    @PostMapping(path = "/v1/payment_intents", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> createPaymentIntent(@RequestBody MultiValueMap<String, String> form,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        if ("pm_card_chargeDeclined".equals(form.getFirst("payment_method"))) {
            return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).contentType(MediaType.APPLICATION_JSON)
                    .body(JSON.toJson(Map.of("error", Map.of("type", "card_error", "code", "card_declined",
                            "decline_code", "generic_decline", "message", "Your card was declined."))));
        }
        return ResponseEntity.ok(once(key, () -> save(paymentIntent(Long.parseLong(form.getFirst("amount")),
                metadata(form)))));
    }

    @GetMapping(path = "/v1/payment_intents/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> paymentIntent(@PathVariable String id) {
        return found(id);
    }

    @PostMapping(path = "/v1/refunds", produces = MediaType.APPLICATION_JSON_VALUE)
    String refund(@RequestBody MultiValueMap<String, String> form,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return once(key, () -> save(new LinkedHashMap<>(Map.of("id", "re_" + token(), "object", "refund",
                "status", "succeeded", "payment_intent", form.getFirst("payment_intent"),
                "metadata", metadata(form)))));
    }

    /** The demo's hosted checkout page (what Stripe Checkout shows the patient). */
    @GetMapping(path = "/checkout/{id}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> checkoutPage(@PathVariable String id) {
        Map<String, Object> session = objects.get(id);
        if (session == null || !"open".equals(session.get("status"))) {
            return ResponseEntity.status(HttpStatus.GONE).body("<p>This checkout session is no longer open.</p>");
        }
        long cents = ((Number) session.get("amount_total")).longValue();
        return ResponseEntity.ok("""
                <!doctype html><html><head><title>Checkout (stand-in)</title><link rel="stylesheet" href="/css/pestle.css">
                </head><body><main><h1>%s</h1><p>Stripe Checkout stand-in of the embedded demo. Amount: $%d.%02d</p>
                <form method="post" action="/stand-ins/stripe/checkout/%s/pay"><button>Pay with test card 4242</button></form>
                </main></body></html>""".formatted(HtmlUtils.htmlEscape(settings.pharmacyName()), cents / 100,
                cents % 100, id));
    }

    /** "Pays" the session and sends Stripe's signed webhook, then returns the patient to the success page. */
    @PostMapping("/checkout/{id}/pay")
    ResponseEntity<Void> pay(@PathVariable String id) throws Exception {
        Map<String, Object> session = objects.get(id);
        if (session == null || !"open".equals(session.get("status"))) {
            return ResponseEntity.status(HttpStatus.GONE).build();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> intent = paymentIntent(((Number) session.get("amount_total")).longValue(),
                (Map<String, String>) session.get("metadata"));
        save(intent);
        session.put("status", "complete");
        session.put("payment_status", "paid");
        session.put("payment_intent", intent.get("id"));
        String payload = JSON.toJson(Map.of("id", "evt_" + token(), "object", "event", "api_version",
                Stripe.API_VERSION, "created", Instant.now().getEpochSecond(), "type", "checkout.session.completed",
                "livemode", false, "data", Map.of("object", session)));
        String signature = Webhook.Signature.generateSignatureHeader(payload, settings.stripe().secrets().get(0));
        http.send(HttpRequest.newBuilder(URI.create(settings.publicUrl("/webhooks/stripe")))
                .header("Content-Type", "application/json").header("Stripe-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.discarding());
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create((String) session.get("success_url")))
                .build();
    }

    private Map<String, Object> paymentIntent(long amount, Map<String, String> metadata) {
        Map<String, Object> charge = Map.of("id", "ch_" + token(), "object", "charge", "amount", amount,
                "paid", true, "status", "succeeded", "payment_method_details", Map.of("type", "card",
                        "card", Map.of("brand", "visa", "last4", "4242", "exp_month", 12, "exp_year", 2034)));
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("id", "pi_" + token());
        intent.put("object", "payment_intent");
        intent.put("amount", amount);
        intent.put("currency", "usd");
        intent.put("status", "succeeded");
        intent.put("latest_charge", charge);
        intent.put("metadata", metadata);
        return intent;
    }

    private static Map<String, String> metadata(MultiValueMap<String, String> form) {
        Map<String, String> metadata = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("metadata[") && name.endsWith("]")) {
                metadata.put(name.substring(9, name.length() - 1), values.get(0));
            } else if (name.startsWith("payment_intent_data[metadata][")) {
                metadata.putIfAbsent(name.substring(30, name.length() - 1), values.get(0));
            }
        });
        return metadata;
    }

    private String once(String key, java.util.function.Supplier<String> create) {
        if (key == null) {
            return create.get();
        }
        return idempotent.computeIfAbsent(key, k -> create.get());
    }

    private String save(Map<String, Object> object) {
        objects.put((String) object.get("id"), object);
        return JSON.toJson(object);
    }

    private ResponseEntity<String> found(String id) {
        Map<String, Object> object = objects.get(id);
        return object == null ? ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                .body(JSON.toJson(Map.of("error", Map.of("type", "invalid_request_error", "code", "resource_missing",
                        "message", "No such object")))) : ResponseEntity.ok(JSON.toJson(object));
    }

    private static String token() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
