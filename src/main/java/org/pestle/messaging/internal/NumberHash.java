package org.pestle.messaging.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/** A keyed hash of a phone number: matches a STOP to a number without keeping the number. */
@Component
class NumberHash {

    private final SecretKeySpec key;

    NumberHash(MessagingSettings settings) {
        this.key = new SecretKeySpec(settings.numberHashKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String of(String e164Number) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(e164Number.trim().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
