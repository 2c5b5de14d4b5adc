package org.pestle.payments.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Pay links: {@code /pay/<token>}, where the token is the payment id and an expiry, signed with
 * HMAC-SHA256. The link names no patient and no order detail; a changed or expired token is refused.
 */
@Component
class PayLinks {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final PaymentSettings settings;

    PayLinks(PaymentSettings settings) {
        this.key = new SecretKeySpec(settings.linkSigningKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.settings = settings;
    }

    String url(UUID paymentId, Instant expiresAt) {
        return settings.publicUrl("/pay/" + token(paymentId, expiresAt));
    }

    String token(UUID paymentId, Instant expiresAt) {
        ByteBuffer data = ByteBuffer.allocate(24);
        data.putLong(paymentId.getMostSignificantBits()).putLong(paymentId.getLeastSignificantBits())
                .putLong(expiresAt.getEpochSecond());
        byte[] payload = data.array();
        byte[] signature = Arrays.copyOf(mac(payload), 16);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(signature);
    }

    /** The payment of a valid, unexpired token. */
    Optional<UUID> verify(String token, Instant now) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (payload.length != 24 || !MessageDigest.isEqual(Arrays.copyOf(mac(payload), 16), signature)) {
                return Optional.empty();
            }
            ByteBuffer data = ByteBuffer.wrap(payload);
            UUID paymentId = new UUID(data.getLong(), data.getLong());
            return Instant.ofEpochSecond(data.getLong()).isAfter(now) ? Optional.of(paymentId) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
