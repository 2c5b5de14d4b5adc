package org.pestle.refills.internal;

import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the refills module ({@code pestle.refills.*}).
 *
 * @param pharmacyName the name the reminder carries
 * @param publicBaseUrl where patients reach Pestle (the link in the reminder)
 * @param reminderTime the pharmacy's local time of day a reminder is due on its day
 */
@ConfigurationProperties("pestle.refills")
record RefillSettings(@DefaultValue("Pestle Pharmacy") String pharmacyName, String publicBaseUrl,
        @DefaultValue("10:00") LocalTime reminderTime) {

    RefillSettings {
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            throw new IllegalStateException("pestle.refills.public-base-url (PESTLE_PUBLIC_BASE_URL) must be set: "
                    + "the refill reminder links to it");
        }
    }

    String publicUrl(String path) {
        return publicBaseUrl.replaceAll("/+$", "") + path;
    }
}
