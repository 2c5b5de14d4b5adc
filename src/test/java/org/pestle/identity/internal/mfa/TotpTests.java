package org.pestle.identity.internal.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 6238 time-based one-time passwords: the RFC's own test vectors, the accepted window and replay. */
class TotpTests {

    private static final String SHA1_KEY = "12345678901234567890";
    private static final String SHA256_KEY = "12345678901234567890123456789012";
    private static final String SHA512_KEY = "1234567890123456789012345678901234567890123456789012345678901234";

    @ParameterizedTest(name = "{0} at {1}s")
    @CsvSource({
            "HmacSHA1, 59, 94287082", "HmacSHA256, 59, 46119246", "HmacSHA512, 59, 90693936",
            "HmacSHA1, 1111111109, 07081804", "HmacSHA256, 1111111109, 68084774", "HmacSHA512, 1111111109, 25091201",
            "HmacSHA1, 1111111111, 14050471", "HmacSHA256, 1111111111, 67062674", "HmacSHA512, 1111111111, 99943326",
            "HmacSHA1, 1234567890, 89005924", "HmacSHA256, 1234567890, 91819424", "HmacSHA512, 1234567890, 93441116",
            "HmacSHA1, 2000000000, 69279037", "HmacSHA256, 2000000000, 90698825", "HmacSHA512, 2000000000, 38618901",
            "HmacSHA1, 20000000000, 65353130", "HmacSHA256, 20000000000, 77737706",
            "HmacSHA512, 20000000000, 47863826"})
    void generatesTheCodesOfRfc6238AppendixB(String algorithm, long seconds, String expected) throws Exception {
        String key = switch (algorithm) {
            case "HmacSHA1" -> SHA1_KEY;
            case "HmacSHA256" -> SHA256_KEY;
            default -> SHA512_KEY;
        };
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30),
                8, algorithm);

        String code = generator.generateOneTimePasswordString(
                new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), algorithm), Instant.ofEpochSecond(seconds));

        assertThat(code).isEqualTo(expected);
    }

    @Test
    void pestlesCodesAreTheRfcSha1CodesCutToSixDigits() {
        Totp totp = new Totp(Clock.fixed(Instant.ofEpochSecond(59), ZoneOffset.UTC));
        String secret = new Base32().encodeToString(SHA1_KEY.getBytes(StandardCharsets.US_ASCII));

        assertThat(totp.codeAt(secret, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(totp.codeAt(secret, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    }

    @Test
    void acceptsTheCurrentStepAndOneEitherSideOnly() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        Totp totp = new Totp(Clock.fixed(now, ZoneOffset.UTC));
        String secret = totp.newSecret();
        long step = now.getEpochSecond() / 30;

        assertThat(totp.verify(secret, totp.codeAt(secret, now), null)).hasValue(step);
        assertThat(totp.verify(secret, totp.codeAt(secret, now.minusSeconds(30)), null)).hasValue(step - 1);
        assertThat(totp.verify(secret, totp.codeAt(secret, now.plusSeconds(30)), null)).hasValue(step + 1);
        assertThat(totp.verify(secret, totp.codeAt(secret, now.minusSeconds(90)), null)).isEmpty();
        assertThat(totp.verify(secret, totp.codeAt(secret, now.plusSeconds(90)), null)).isEmpty();
    }

    @Test
    void refusesACodeWhoseStepWasAlreadyUsed() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        Totp totp = new Totp(Clock.fixed(now, ZoneOffset.UTC));
        String secret = totp.newSecret();
        long step = now.getEpochSecond() / 30;

        assertThat(totp.verify(secret, totp.codeAt(secret, now), step)).isEmpty();
        assertThat(totp.verify(secret, totp.codeAt(secret, now.minusSeconds(30)), step)).isEmpty();
        assertThat(totp.verify(secret, totp.codeAt(secret, now.plusSeconds(30)), step)).hasValue(step + 1);
    }

    @Test
    void refusesMalformedCodes() {
        Totp totp = new Totp(Clock.systemUTC());
        String secret = totp.newSecret();

        assertThat(totp.verify(secret, "12345", null)).isEmpty();
        assertThat(totp.verify(secret, "abcdef", null)).isEmpty();
        assertThat(totp.verify(secret, null, null)).isEmpty();
        assertThat(totp.verify(null, "123456", null)).isEmpty();
    }

    @Test
    void enrollmentUriIsWhatAuthenticatorAppsRead() {
        Totp totp = new Totp(Clock.systemUTC());

        assertThat(totp.otpauthUri("dr.reyes", "JBSWY3DPEHPK3PXP")).isEqualTo(
                "otpauth://totp/Pestle%3Adr.reyes?secret=JBSWY3DPEHPK3PXP&issuer=Pestle&algorithm=SHA1&digits=6&period=30");
        assertThat(totp.qrCodeDataUri("otpauth://totp/x")).startsWith("data:image/png;base64,iVBOR");
    }
}
