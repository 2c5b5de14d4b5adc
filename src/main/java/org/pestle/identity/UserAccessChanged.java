package org.pestle.identity;

/**
 * An administrator changed a user's access; the user's sessions end at their next request.
 *
 * @param username the user
 * @param change what changed: DISABLED, ENABLED, ROLE_ADDED, ROLE_REMOVED, MFA_RESET, UNLOCKED
 * @param detail the role concerned, if any
 * @param changedBy username of the administrator
 */
public record UserAccessChanged(String username, String change, String detail, String changedBy) {
}
