package org.pestle.payments.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.pestle.platform.SignedIds;
import org.springframework.stereotype.Component;

/**
 * Pay links: {@code /pay/<token>}, where the token is the payment id and an expiry, signed
 * ({@link SignedIds} with the payments' key). The link names no patient and no order detail; a
 * changed or expired token is refused.
 */
@Component
public class PayLinks {

    private final SignedIds signed;
    private final PaymentSettings settings;

    PayLinks(PaymentSettings settings) {
        this.signed = new SignedIds(settings.linkSigningKey());
        this.settings = settings;
    }

    String url(UUID paymentId, Instant expiresAt) {
        return settings.publicUrl("/pay/" + token(paymentId, expiresAt));
    }

    String token(UUID paymentId, Instant expiresAt) {
        return signed.sign(paymentId, expiresAt);
    }

    /** The payment of a valid, unexpired token. */
    public Optional<UUID> verify(String token, Instant now) {
        return signed.verify(token, now);
    }
}
