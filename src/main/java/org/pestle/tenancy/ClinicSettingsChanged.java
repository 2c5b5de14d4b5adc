package org.pestle.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A clinic's settings were changed; the next decisions use them.
 *
 * @param clinicId the clinic
 * @param organizationId its organization
 * @param changedBy username of who changed them
 * @param changed the names of the settings that changed, e.g. {@code approvedCompoundsOnly}
 * @param at when
 */
public record ClinicSettingsChanged(UUID clinicId, UUID organizationId, String changedBy, List<String> changed,
        Instant at) {
}
