package org.pestle.portal.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Signed patient links: {@code base64url(patient id, expiry) . base64url(HMAC-SHA256)}. The link
 * carries no patient data; without the key it can be neither made nor changed.
 */
@Component
class PatientLinks {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final PatientLinkSettings settings;
    private final Clock clock;

    PatientLinks(PatientLinkSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    String tokenFor(UUID patientId) {
        ByteBuffer payload = ByteBuffer.allocate(24);
        payload.putLong(patientId.getMostSignificantBits()).putLong(patientId.getLeastSignificantBits())
                .putLong(clock.instant().plus(settings.validity()).getEpochSecond());
        byte[] body = payload.array();
        return ENCODE.encodeToString(body) + "." + ENCODE.encodeToString(sign(body));
    }

    /** The patient of a genuine, unexpired token. */
    Optional<UUID> patientOf(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] body = DECODE.decode(token.substring(0, dot));
            byte[] signature = DECODE.decode(token.substring(dot + 1));
            if (body.length != 24 || !MessageDigest.isEqual(signature, sign(body))) {
                return Optional.empty();
            }
            ByteBuffer payload = ByteBuffer.wrap(body);
            UUID patientId = new UUID(payload.getLong(), payload.getLong());
            Instant expires = Instant.ofEpochSecond(payload.getLong());
            return clock.instant().isBefore(expires) ? Optional.of(patientId) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.signingKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
