package org.pestle.identity.internal;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.pestle.identity.Actor;
import org.pestle.identity.Role;

/**
 * A row of Pestle's user store with its roles and clinic assignments.
 *
 * @param lockedUntil while in the future, the account is locked after failed attempts
 * @param securityStamp moves on whenever the user's access changes (roles, clinics, enablement, password, MFA)
 * @param mfaEnrolled whether the user has a TOTP authenticator set up
 */
public record UserAccount(UUID id, String username, String firstName, String lastName, String email, String passwordHash,
        UUID organizationId, boolean enabled, Set<Role> roles, Set<UUID> clinicIds, Instant lockedUntil,
        long securityStamp, boolean mfaEnrolled) {

    public Actor actor() {
        return new Actor(id, username, organizationId, roles, clinicIds);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
