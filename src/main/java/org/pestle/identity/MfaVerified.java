package org.pestle.identity;

import java.util.Set;

/**
 * A user gave a valid second factor at sign-in and is signed in.
 *
 * @param username the user
 * @param roles the user's roles
 * @param method TOTP or RECOVERY_CODE
 */
public record MfaVerified(String username, Set<Role> roles, String method) {
}
