package org.pestle.pdmp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The PDMP settings: the demo identifiers pass their check digits, a wrong one stops the start, no secret is shown. */
class PdmpSettingsTests {

    static PdmpSettings.Pharmacy pharmacy(String npi, String dea, String pharmacistNpi) {
        return new PdmpSettings.Pharmacy(npi, "3312345", dea, "Mortar & Pestle Compounding Pharmacy", "100 Demo Avenue",
                "Springfield", "NY", "10001", "2125550100", "Pharmacist in charge", pharmacistNpi);
    }

    static PdmpSettings settings(PdmpSettings.Pharmacy pharmacy, int hour, String password) {
        return new PdmpSettings("NY", "4.2", false, hour, ZoneId.of("America/New_York"), Duration.ofHours(24),
                Duration.ofHours(4), Duration.ofHours(2), pharmacy, ".pestle/keys", "",
                new PdmpSettings.Sftp(false, ".pestle/pdmp-sftp", "sftp.pmp.example", 22, "pestle-ny", password, "", "",
                        "", Duration.ofSeconds(10)));
    }

    @Test
    void acceptsTheDemoIdentifiersAndRunsDailyAtTheReportHour() {
        PdmpSettings settings = settings(pharmacy("1543210987", "FM4829151", "1987654328"), 6, "");
        assertThat(settings.cron()).isEqualTo("0 0 6 * * ?");
    }

    @Test
    void refusesAPharmacyNpiWithAWrongCheckDigit() {
        assertThatThrownBy(() -> settings(pharmacy("1543210988", "FM4829151", ""), 6, ""))
                .hasMessageContaining("pestle.pdmp.pharmacy.npi");
    }

    @Test
    void refusesAPharmacyDeaWithAWrongCheckDigitOrInitial() {
        assertThatThrownBy(() -> settings(pharmacy("1543210987", "FM4829152", ""), 6, ""))
                .hasMessageContaining("pestle.pdmp.pharmacy.dea");
        assertThatThrownBy(() -> settings(pharmacy("1543210987", "FP4829151", ""), 6, ""))
                .hasMessageContaining("last name");
    }

    @Test
    void refusesAReportHourOutsideTheDay() {
        assertThatThrownBy(() -> settings(pharmacy("", "", ""), 24, "")).hasMessageContaining("report-hour");
    }

    @Test
    void neverShowsTheSftpPassword() {
        PdmpSettings settings = settings(pharmacy("", "", ""), 6, "s3cret-pass");
        assertThat(settings.sftp().toString()).doesNotContain("s3cret-pass").contains("pestle-ny@sftp.pmp.example:22");
        assertThat(settings.toString()).doesNotContain("s3cret-pass");
    }
}
