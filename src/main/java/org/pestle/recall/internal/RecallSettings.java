package org.pestle.recall.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the recall module ({@code pestle.recall.*}).
 *
 * @param pharmacyName the name the recall text carries
 * @param pharmacyPhone the number the recall text asks the patient to call
 * @param openfdaUrl the openFDA drug/enforcement endpoint to fetch a record from by recall number; empty (the
 *        default) turns fetching off, so the embedded default works offline
 */
@ConfigurationProperties("pestle.recall")
record RecallSettings(@DefaultValue("Pestle Pharmacy") String pharmacyName,
        @DefaultValue("(555) 010-0100") String pharmacyPhone, @DefaultValue("") String openfdaUrl) {

    /** The recall text: no drug, no patient name, no link; a request to call the pharmacy. */
    String text() {
        return pharmacyName + ": please call us at " + pharmacyPhone
                + " about a medicine you received from us. Reply STOP to opt out.";
    }
}
