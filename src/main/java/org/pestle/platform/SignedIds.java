package org.pestle.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens for links that name one record and expire: {@code base64url(id, expiry).base64url(HMAC-SHA256)}.
 * They carry no personal data, and without the key they can be neither made nor changed. Used for pay
 * links and patient links, each with its own key.
 */
public final class SignedIds {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /** @param signingKey the HMAC key, at least 32 characters */
    public SignedIds(String signingKey) {
        if (signingKey == null || signingKey.length() < 32) {
            throw new IllegalArgumentException("A link signing key has at least 32 characters");
        }
        this.key = new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A token for the id, valid until {@code expiresAt}. */
    public String sign(UUID id, Instant expiresAt) {
        ByteBuffer payload = ByteBuffer.allocate(24);
        payload.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .putLong(expiresAt.getEpochSecond());
        byte[] body = payload.array();
        return ENCODE.encodeToString(body) + "." + ENCODE.encodeToString(mac(body));
    }

    /** The id of a genuine token that has not expired at {@code now}. */
    public Optional<UUID> verify(String token, Instant now) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] body = DECODE.decode(token.substring(0, dot));
            byte[] signature = DECODE.decode(token.substring(dot + 1));
            if (body.length != 24 || !MessageDigest.isEqual(signature, mac(body))) {
                return Optional.empty();
            }
            ByteBuffer payload = ByteBuffer.wrap(body);
            UUID id = new UUID(payload.getLong(), payload.getLong());
            return Instant.ofEpochSecond(payload.getLong()).isAfter(now) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
