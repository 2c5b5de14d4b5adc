package org.pestle.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The shipped configuration (application.yml, application-postgres.yml): the embedded default runs
 * the Stripe stand-in; the postgres profile has no stand-in and no default keys, so a server started
 * without them fails at startup, naming what is missing, instead of pretending to charge.
 */
class PaymentSettingsTests {

    @EnableConfigurationProperties(PaymentSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Settings.class);

    @Test
    void theEmbeddedDefaultTalksToTheInProcessStandIn() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            PaymentSettings settings = started.getBean(PaymentSettings.class);
            assertThat(settings.stripe().standIn()).isTrue();
            assertThat(settings.stripe().apiBaseUrl()).endsWith("/stand-ins/stripe");
            assertThat(settings.webhookTolerance().toSeconds()).isEqualTo(300);
        });
    }

    @Test
    void thePostgresProfileWithoutAStripeKeyRefusesToStart() {
        context.withPropertyValues("spring.profiles.active=postgres",
                "pestle.payments.public-base-url=https://pharmacy.example", "pestle.payments.link-signing-key=k")
                .run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("Payments cannot run: pestle.payments.stripe.secret-key "
                                    + "(STRIPE_SECRET_KEY) is not set");
                });
    }

    @Test
    void thePostgresProfileWithoutAWebhookSecretOrPublicAddressRefusesToStart() {
        context.withPropertyValues("spring.profiles.active=postgres").run(started ->
                assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("PESTLE_PUBLIC_BASE_URL"));
        context.withPropertyValues("spring.profiles.active=postgres",
                "pestle.payments.public-base-url=https://pharmacy.example", "pestle.payments.link-signing-key=k",
                "pestle.payments.stripe.secret-key=sk_live_x").run(started ->
                assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("STRIPE_WEBHOOK_SECRET"));
    }

    @Test
    void thePostgresProfileWithItsKeysTalksToStripeItself() {
        context.withPropertyValues("spring.profiles.active=postgres",
                "pestle.payments.public-base-url=https://pharmacy.example", "pestle.payments.link-signing-key=k",
                "pestle.payments.stripe.secret-key=sk_live_x", "pestle.payments.stripe.webhook-secrets=whsec_a,whsec_b")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    PaymentSettings settings = started.getBean(PaymentSettings.class);
                    assertThat(settings.stripe().standIn()).isFalse();
                    assertThat(settings.stripe().apiBaseUrl()).isEmpty();
                    assertThat(settings.stripe().secrets()).containsExactly("whsec_a", "whsec_b");
                });
    }
}
