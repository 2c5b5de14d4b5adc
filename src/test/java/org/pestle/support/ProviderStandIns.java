package org.pestle.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Stripe and Twilio for the tests: one WireMock server (per test JVM) speaking the API shapes
 * stripe-java and twilio-java use, and webhook signatures made exactly as Stripe and Twilio make
 * them. The default stubs behave like Stripe's test mode: an object's id follows from the request's
 * Idempotency-Key, so a repeated key answers with the same object.
 */
public final class ProviderStandIns {

    public static final String PUBLIC_BASE_URL = "https://pestle.test";
    public static final String STRIPE_WEBHOOK_SECRET = "whsec_test_current";
    public static final String STRIPE_WEBHOOK_SECRET_PREVIOUS = "whsec_test_previous";
    public static final String TWILIO_ACCOUNT_SID = "AC11111111111111111111111111111111";
    public static final String TWILIO_AUTH_TOKEN = "test-twilio-auth-token";

    private static WireMockServer server;

    private ProviderStandIns() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().templatingEnabled(true));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            defaultStubs(server);
        }
        return server;
    }

    public static String baseUrl() {
        return "http://localhost:" + server().port();
    }

    /** Restores the default stubs (tests may add their own with a higher priority). */
    public static void reset() {
        server().resetAll();
        defaultStubs(server());
    }

    static void defaultStubs(WireMockServer wireMock) {
        wireMock.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).atPriority(10).willReturn(json("""
                {"id": "cs_test_{{request.headers.Idempotency-Key}}", "object": "checkout.session", "mode": "payment",
                 "status": "open", "payment_status": "unpaid",
                 "url": "https://checkout.stripe.test/c/pay/cs_test_{{request.headers.Idempotency-Key}}",
                 "expires_at": {{now offset='23 hours' format='unix'}} }""")));
        wireMock.stubFor(get(urlPathMatching("/v1/checkout/sessions/[^/]+")).atPriority(10).willReturn(json("""
                {"id": "{{request.pathSegments.[2]}}", "object": "checkout.session", "status": "open",
                 "payment_status": "unpaid"}""")));
        wireMock.stubFor(post(urlPathMatching("/v1/checkout/sessions/[^/]+/expire")).atPriority(10).willReturn(json("""
                {"id": "{{request.pathSegments.[2]}}", "object": "checkout.session", "status": "expired",
                 "payment_status": "unpaid"}""")));
        wireMock.stubFor(post(urlPathEqualTo("/v1/payment_intents")).atPriority(10).willReturn(json("""
                {"id": "pi_{{request.headers.Idempotency-Key}}", "object": "payment_intent", "status": "succeeded",
                 "amount": 1000, "currency": "usd",
                 "latest_charge": {"id": "ch_test", "object": "charge", "status": "succeeded",
                   "payment_method_details": {"type": "card", "card": {"brand": "visa", "last4": "4242"}}}}""")));
        wireMock.stubFor(get(urlPathMatching("/v1/payment_intents/[^/]+")).atPriority(10).willReturn(json("""
                {"id": "{{request.pathSegments.[2]}}", "object": "payment_intent", "status": "succeeded",
                 "latest_charge": {"id": "ch_test", "object": "charge", "status": "succeeded",
                   "payment_method_details": {"type": "card", "card": {"brand": "mastercard", "last4": "4444"}}}}""")));
        wireMock.stubFor(post(urlPathEqualTo("/v1/refunds")).atPriority(10).willReturn(json("""
                {"id": "re_{{request.headers.Idempotency-Key}}", "object": "refund", "status": "succeeded"}""")));
        wireMock.stubFor(post(urlMatching("/2010-04-01/Accounts/[^/]+/Messages.json")).atPriority(10)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template").withBody("""
                                {"sid": "SM{{randomValue length=32 type='HEXADECIMAL'}}", "status": "queued",
                                 "account_sid": "%s", "direction": "outbound-api"}""".formatted(TWILIO_ACCOUNT_SID))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withTransformers("response-template").withBody(body);
    }

    /** The properties that point the application at this server. */
    public static Map<String, String> properties() {
        return Map.ofEntries(
                Map.entry("pestle.payments.public-base-url", PUBLIC_BASE_URL),
                Map.entry("pestle.payments.stripe.stand-in", "false"),
                Map.entry("pestle.payments.stripe.api-base-url", baseUrl()),
                Map.entry("pestle.payments.stripe.secret-key", "sk_test_pestle"),
                Map.entry("pestle.payments.stripe.webhook-secrets",
                        STRIPE_WEBHOOK_SECRET + "," + STRIPE_WEBHOOK_SECRET_PREVIOUS),
                Map.entry("pestle.messaging.twilio.stand-in", "false"),
                Map.entry("pestle.messaging.twilio.api-base-url", baseUrl()),
                Map.entry("pestle.messaging.twilio.account-sid", TWILIO_ACCOUNT_SID),
                Map.entry("pestle.messaging.twilio.auth-token", TWILIO_AUTH_TOKEN),
                // no quiet hours in tests (start equals end); QuietHoursTests covers them
                Map.entry("pestle.messaging.quiet-hours-start", "00:00"),
                Map.entry("pestle.messaging.quiet-hours-end", "00:00"));
    }

    /** Stripe-Signature as Stripe computes it: t=timestamp,v1=hex(HMAC-SHA256(secret, timestamp + "." + payload)). */
    public static String stripeSignature(String payload, String secret, long timestamp) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret,
                timestamp + "." + payload));
    }

    /** X-Twilio-Signature as Twilio computes it: Base64(HMAC-SHA1(auth token, URL + each sorted name and value)). */
    public static String twilioSignature(String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", TWILIO_AUTH_TOKEN, data.toString()));
    }

    /**
     * Posts a Twilio webhook to Pestle as Twilio does: form-encoded, signed over the public URL and the
     * posted parameters, or with a signature that is not Twilio's.
     */
    public static ResponseEntity<String> postTwilioWebhook(TestRestTemplate http, String path,
            Map<String, String> params, boolean signed) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add("X-Twilio-Signature", signed ? twilioSignature(PUBLIC_BASE_URL + path, params)
                : "bm90IGEgc2lnbmF0dXJl");
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        params.forEach(form::add);
        return http.postForEntity(path, new HttpEntity<>(form, headers), String.class);
    }

    private static byte[] hmac(String algorithm, String key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
