package org.pestle.identity;

import java.util.Set;

/**
 * A user set up their authenticator (second factor) and is signed in.
 *
 * @param username the user
 * @param roles the user's roles
 */
public record MfaEnrolled(String username, Set<Role> roles) {
}
