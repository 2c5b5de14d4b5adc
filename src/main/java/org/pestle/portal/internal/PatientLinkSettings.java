package org.pestle.portal.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Patient links ({@code pestle.portal.*}).
 *
 * @param signingKey HMAC key of the links (at least 32 characters; from the environment in production)
 * @param validity how long a link works
 * @param maxDateOfBirthAttempts wrong dates of birth before a link stops working
 */
@ConfigurationProperties("pestle.portal")
record PatientLinkSettings(String signingKey, @DefaultValue("7d") Duration validity,
        @DefaultValue("5") int maxDateOfBirthAttempts) {

    PatientLinkSettings {
        if (signingKey == null || signingKey.length() < 32) {
            throw new IllegalStateException("pestle.portal.signing-key (PESTLE_PORTAL_SIGNING_KEY) must be set to at "
                    + "least 32 characters: it signs the links patients receive");
        }
    }
}
