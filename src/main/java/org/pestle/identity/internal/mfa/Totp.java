package org.pestle.identity.internal.mfa;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import org.apache.commons.codec.binary.Base32;
import org.springframework.stereotype.Component;

/**
 * RFC 6238 time-based one-time passwords (java-otp): 6 digits, 30-second steps, HMAC-SHA1 as
 * authenticator apps expect. A code is accepted for the current step or one step either side, and
 * never twice (replay protection by the last accepted step).
 */
@Component
class Totp {

    static final Duration STEP = Duration.ofSeconds(30);
    private static final String ISSUER = "Pestle";

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, 6);
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Totp(Clock clock) {
        this.clock = clock;
    }

    /** A new shared secret (160 bits), Base32 as authenticator apps take it. */
    String newSecret() {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        return new Base32().encodeToString(secret).replace("=", "");
    }

    /**
     * The step of a valid, unused code, or empty.
     *
     * @param lastStep the step of the last code accepted for this secret, if any
     */
    OptionalLong verify(String secret, String code, Long lastStep) {
        if (secret == null || code == null || !code.strip().matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long now = clock.instant().getEpochSecond() / STEP.toSeconds();
        for (long step = now - 1; step <= now + 1; step++) {
            if (lastStep != null && step <= lastStep) {
                continue;
            }
            if (code.strip().equals(codeAt(secret, Instant.ofEpochSecond(step * STEP.toSeconds())))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** The code for the given time. */
    String codeAt(String secret, Instant time) {
        try {
            return generator.generateOneTimePasswordString(key(secret), time);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("Unusable TOTP secret", e);
        }
    }

    /** The otpauth:// URI an authenticator app scans. */
    String otpauthUri(String username, String secret) {
        String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER + "&algorithm=SHA1&digits=6&period=30";
    }

    /** The URI as a QR code, a PNG data URI for an img element. */
    String qrCodeDataUri(String otpauthUri) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(new QRCodeWriter().encode(otpauthUri, BarcodeFormat.QR_CODE, 240, 240),
                    "PNG", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("Could not draw the QR code", e);
        }
    }

    private SecretKeySpec key(String secret) {
        return new SecretKeySpec(new Base32().decode(secret), generator.getAlgorithm());
    }
}
