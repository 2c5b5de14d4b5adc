package org.pestle.identity;

import java.util.Set;

/**
 * A signed-in session (Pestle's pages, the Camunda webapps) was ended by Pestle at the user's next
 * request, not by the user signing out.
 *
 * @param username the user
 * @param roles the user's roles
 * @param reason IDLE_TIMEOUT, ABSOLUTE_TIMEOUT, INCOMPLETE (the session lacks its sign-in times, treated
 *        as expired) or ACCESS_CHANGED (disabled, a role or clinic removed, password or MFA reset)
 * @param sourceAddress the client's address
 */
public record SessionEnded(String username, Set<Role> roles, String reason, String sourceAddress) {

    /** Whether the session ran out of time (rather than being ended because the user's access changed). */
    public boolean expired() {
        return !"ACCESS_CHANGED".equals(reason);
    }
}
