package org.pestle.support;

import java.security.InvalidKeyException;
import java.time.Duration;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

/** What a user's authenticator app shows: the TOTP code of a secret at the application's time. */
public final class Authenticator {

    private static final TimeBasedOneTimePasswordGenerator TOTP =
            new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);

    private Authenticator() {
    }

    /**
     * A code no earlier sign-in used: the clock moves on by one step first (codes are accepted once).
     */
    public static String nextCode(String base32Secret, MutableClock clock) {
        clock.advance(Duration.ofSeconds(30));
        try {
            return TOTP.generateOneTimePasswordString(new SecretKeySpec(new Base32().decode(base32Secret),
                    TOTP.getAlgorithm()), clock.instant());
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
