package org.pestle.identity;

import java.util.Set;

/**
 * A user whose password was right gave a wrong second factor (it counts towards the lockout, except
 * during enrollment).
 *
 * @param username the user
 * @param roles the user's roles
 * @param stage VERIFY (the code at sign-in) or ENROLL (the first code of a new authenticator)
 */
public record MfaFailed(String username, Set<Role> roles, String stage) {
}
