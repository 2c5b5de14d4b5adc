package org.pestle.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Looks up clinics and changes their settings. */
public interface Clinics {

    /** The clinic with this id, if it exists. */
    Optional<Clinic> find(UUID clinicId);

    /** Every clinic, ordered by code. */
    List<Clinic> all();

    /**
     * Changes a clinic's settings, records who, when, why, before and after, and publishes
     * {@link ClinicSettingsChanged}. The caller checks that the user may change settings.
     *
     * @param changedBy username of who changes them
     * @param reason why, required (at most 1000 characters)
     * @return the clinic with its new settings
     * @throws org.pestle.platform.ApiProblem 404 for an unknown clinic, 422 for invalid settings or a missing reason
     */
    Clinic changeSettings(UUID clinicId, ClinicSettings settings, String changedBy, String reason);

    /** The recorded changes of a clinic's settings, newest first. */
    List<ClinicSettingsChange> settingsHistory(UUID clinicId);
}
