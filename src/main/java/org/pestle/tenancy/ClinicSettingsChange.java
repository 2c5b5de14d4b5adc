package org.pestle.tenancy;

import java.time.Instant;

/**
 * One recorded change of a clinic's settings.
 *
 * @param changedBy username
 * @param reason why, as the admin wrote it
 * @param before the settings before
 * @param after the settings after
 * @param at when
 */
public record ClinicSettingsChange(String changedBy, String reason, ClinicSettings before, ClinicSettings after,
        Instant at) {
}
