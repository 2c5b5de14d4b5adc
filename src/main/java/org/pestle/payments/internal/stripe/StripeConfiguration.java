package org.pestle.payments.internal.stripe;

import com.stripe.StripeClient;
import org.pestle.payments.internal.PaymentSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Stripe client; with {@code api-base-url} set it talks to a local stand-in instead of Stripe. */
@Configuration(proxyBeanMethods = false)
class StripeConfiguration {

    @Bean
    StripeClient stripeClient(PaymentSettings settings) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(settings.stripe().secretKey())
                .setMaxNetworkRetries(0).setConnectTimeout(10_000).setReadTimeout(30_000);
        String base = settings.stripe().apiBaseUrl();
        if (base != null && !base.isBlank()) {
            builder.setApiBase(base).setConnectBase(base).setFilesBase(base);
        }
        return builder.build();
    }
}
