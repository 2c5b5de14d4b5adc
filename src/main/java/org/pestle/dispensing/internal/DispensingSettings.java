package org.pestle.dispensing.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dispensing module ({@code pestle.dispensing.*}).
 *
 * @param pharmacyName the name the ready-for-pickup text carries
 * @param publicBaseUrl where patients reach Pestle (the link in the text)
 * @param pharmacyAddress the pharmacy's address for the label
 */
@ConfigurationProperties("pestle.dispensing")
record DispensingSettings(@DefaultValue("Pestle Pharmacy") String pharmacyName, String publicBaseUrl,
        @DefaultValue("") String pharmacyAddress) {

    DispensingSettings {
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            throw new IllegalStateException("pestle.dispensing.public-base-url (PESTLE_PUBLIC_BASE_URL) must be set: "
                    + "the ready-for-pickup text links to it");
        }
    }

    /** The public URL of a path of Pestle's. */
    String publicUrl(String path) {
        return publicBaseUrl.replaceAll("/+$", "") + path;
    }
}
