package org.pestle.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * A user was granted break-glass access to another clinic's data.
 *
 * @param grantId the grant
 * @param username who
 * @param clinicId which clinic
 * @param reason the user's reason, as they gave it (for the audit trail and the privacy review)
 * @param expiresAt when it ends by itself
 */
public record ElevatedAccessGranted(UUID grantId, String username, UUID clinicId, String reason, Instant expiresAt) {
}
