package org.pestle.payments.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the payments module ({@code pestle.payments.*}). Keys come from the environment; the
 * postgres profile has no defaults for them, so a server without keys fails at startup instead of
 * pretending to charge.
 *
 * @param pharmacyName the name patients see in texts and on the pay page
 * @param publicBaseUrl where patients and Stripe reach Pestle (pay links)
 * @param linkSigningKey key that signs pay links (HMAC-SHA256)
 * @param webhookTolerance how old a Stripe-Signature timestamp may be
 * @param refundInterval how often due refunds are sent
 * @param pendingEventInterval how often webhook events kept for a process that was not yet waiting are applied
 * @param stripe the Stripe account
 */
@ConfigurationProperties("pestle.payments")
public record PaymentSettings(
        @DefaultValue("Pestle Pharmacy") String pharmacyName,
        String publicBaseUrl,
        String linkSigningKey,
        @DefaultValue("300s") Duration webhookTolerance,
        @DefaultValue("PT5S") Duration refundInterval,
        @DefaultValue("PT2S") Duration pendingEventInterval,
        @DefaultValue Stripe stripe) {

    public PaymentSettings {
        require(publicBaseUrl, "pestle.payments.public-base-url (PESTLE_PUBLIC_BASE_URL)");
        require(linkSigningKey, "pestle.payments.link-signing-key (PESTLE_PAY_LINK_KEY)");
        require(stripe.secretKey(), "pestle.payments.stripe.secret-key (STRIPE_SECRET_KEY)");
        if (stripe.webhookSecrets() == null || stripe.webhookSecrets().stream().allMatch(s -> s == null || s.isBlank())) {
            require(null, "pestle.payments.stripe.webhook-secrets (STRIPE_WEBHOOK_SECRET, STRIPE_WEBHOOK_SECRET_PREVIOUS)");
        }
    }

    public String publicUrl(String path) {
        return publicBaseUrl.replaceAll("/+$", "") + path;
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Payments cannot run: " + name + " is not set. Production needs the "
                    + "Stripe keys (see README, Payments and texts); only the embedded default runs the stand-in.");
        }
    }

    /**
     * @param secretKey Stripe secret key
     * @param webhookSecrets the endpoint's signing secrets: the current one, and the previous one while it is
     *        rolled (either verifies)
     * @param apiBaseUrl empty for Stripe itself; else stripe-java talks to this base (stand-ins, tests)
     * @param standIn run the in-process stand-in (embedded default only)
     */
    public record Stripe(String secretKey, List<String> webhookSecrets, String apiBaseUrl,
            @DefaultValue("false") boolean standIn) {

        public List<String> secrets() {
            return webhookSecrets.stream().filter(s -> s != null && !s.isBlank()).toList();
        }
    }
}
