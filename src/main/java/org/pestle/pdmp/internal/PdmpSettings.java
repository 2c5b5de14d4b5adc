package org.pestle.pdmp.internal;

import java.time.Duration;
import java.time.ZoneId;

import org.pestle.tenancy.ProviderIdentifiers;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of PDMP reporting ({@code pestle.pdmp.*}): the reporting state and its schedule and deadline, the
 * pharmacy's identifiers as the ASAP file carries them, where the file keys live, and the SFTP target. SFTP
 * credentials come from the environment or a key file, never from the database; none is logged
 * ({@link Sftp#toString()}).
 *
 * @param state the reporting state (USPS code); its folder on the SFTP server has this name
 * @param asapVersion TH01, e.g. {@code 4.2}
 * @param production TH07: P (true) or T (test files)
 * @param reportHour the hour of the daily run, in the server's time zone (the engine's cron)
 * @param zone the pharmacy's time zone, for dates in the file and the reporting day
 * @param deadline how long after hand-over a dispense must be reported (24 h in most states)
 * @param warning how long before the deadline an unreported dispense opens an escalation task
 * @param answerWait how long after the upload the state's error report is looked for
 * @param pharmacy the pharmacy's identifiers
 * @param keysDir where the file encryption keyset is kept when it is not given as a value
 * @param keyset the file encryption keyset (Tink JSON), from the environment, or empty
 * @param sftp the SFTP target
 */
@ConfigurationProperties("pestle.pdmp")
record PdmpSettings(@DefaultValue("NY") String state, @DefaultValue("4.2") String asapVersion,
        @DefaultValue("false") boolean production, @DefaultValue("6") int reportHour,
        @DefaultValue("America/New_York") ZoneId zone, @DefaultValue("PT24H") Duration deadline,
        @DefaultValue("PT4H") Duration warning, @DefaultValue("PT2H") Duration answerWait,
        @DefaultValue Pharmacy pharmacy, @DefaultValue(".pestle/keys") String keysDir, @DefaultValue("") String keyset,
        @DefaultValue Sftp sftp) {

    PdmpSettings {
        if (state == null || !state.matches("[A-Z]{2}")) {
            throw new IllegalStateException("pestle.pdmp.state (PESTLE_PDMP_STATE) is a two-letter USPS code");
        }
        if (reportHour < 0 || reportHour > 23) {
            throw new IllegalStateException("pestle.pdmp.report-hour is 0 to 23");
        }
        if (!warning.isNegative() && warning.compareTo(deadline) >= 0) {
            throw new IllegalStateException("pestle.pdmp.warning must be shorter than pestle.pdmp.deadline");
        }
        if (!pharmacy.npi().isBlank() && !ProviderIdentifiers.isValidNpi(pharmacy.npi())) {
            throw new IllegalStateException("pestle.pdmp.pharmacy.npi fails the NPI check digit");
        }
        if (!pharmacy.pharmacistNpi().isBlank() && !ProviderIdentifiers.isValidNpi(pharmacy.pharmacistNpi())) {
            throw new IllegalStateException("pestle.pdmp.pharmacy.pharmacist-npi fails the NPI check digit");
        }
        if (!pharmacy.dea().isBlank()) {
            ProviderIdentifiers.deaProblem(pharmacy.dea(), pharmacy.name()).ifPresent(problem -> {
                throw new IllegalStateException("pestle.pdmp.pharmacy.dea " + problem);
            });
        }
        if (!pharmacy.ncpdp().isBlank() && !pharmacy.ncpdp().matches("[0-9]{7}")) {
            throw new IllegalStateException("pestle.pdmp.pharmacy.ncpdp is 7 digits");
        }
    }

    /** Names no key and no credential. */
    @Override
    public String toString() {
        return "PdmpSettings[" + state + ", ASAP " + asapVersion + (production ? ", production" : ", test") + ", daily at "
                + reportHour + ", deadline " + deadline + ", " + sftp + "]";
    }

    /** The Camunda cron of the daily run (seconds, minutes, hours, day of month, month, day of week). */
    String cron() {
        return "0 0 " + reportHour + " * * ?";
    }

    /**
     * The pharmacy as PHA carries it.
     *
     * @param npi PHA01
     * @param ncpdp PHA02 (NCPDP/NABP provider id, 7 digits)
     * @param dea PHA03
     * @param name PHA04
     * @param address PHA05
     * @param city PHA07
     * @param stateCode PHA08
     * @param zip PHA09
     * @param phone PHA10 (10 digits)
     * @param contact PHA11
     * @param pharmacistNpi DSP14, the dispensing pharmacist's NPI
     */
    record Pharmacy(@DefaultValue("") String npi, @DefaultValue("") String ncpdp, @DefaultValue("") String dea,
            @DefaultValue("Pestle Pharmacy") String name, @DefaultValue("") String address, @DefaultValue("") String city,
            @DefaultValue("") String stateCode, @DefaultValue("") String zip, @DefaultValue("") String phone,
            @DefaultValue("") String contact, @DefaultValue("") String pharmacistNpi) {
    }

    /**
     * The SFTP target: the state's (or its vendor's) server, or the in-process stand-in.
     *
     * @param embedded run the in-process SFTP server (Apache MINA SSHD) and send to it (the embedded default)
     * @param embeddedRoot the stand-in's folder on disk: one sub-folder per state
     * @param host server
     * @param port its port (the stand-in's: 0 picks a free one)
     * @param username login
     * @param password password, from the environment, or empty
     * @param privateKeyFile a private key file (OpenSSH or PEM), or empty
     * @param knownHosts the known_hosts file that holds the server's key (required unless embedded)
     * @param directory the folder in the login's home that holds the state folders, or empty for the home
     * @param connectTimeout connect and authenticate within this time
     */
    record Sftp(@DefaultValue("true") boolean embedded, @DefaultValue(".pestle/pdmp-sftp") String embeddedRoot,
            @DefaultValue("localhost") String host, @DefaultValue("0") int port, @DefaultValue("pestle") String username,
            @DefaultValue("") String password, @DefaultValue("") String privateKeyFile,
            @DefaultValue("") String knownHosts, @DefaultValue("") String directory,
            @DefaultValue("PT10S") Duration connectTimeout) {

        @Override
        public String toString() {
            return "Sftp[" + username + "@" + host + ":" + port + (embedded ? ", embedded" : "") + "]";
        }
    }
}
