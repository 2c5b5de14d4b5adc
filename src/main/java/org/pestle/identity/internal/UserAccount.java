package org.pestle.identity.internal;

import java.util.Set;
import java.util.UUID;

import org.pestle.identity.Actor;
import org.pestle.identity.Role;

/** A row of Pestle's user store with its roles and clinic assignments. */
record UserAccount(UUID id, String username, String firstName, String lastName, String email, String passwordHash,
        UUID organizationId, boolean enabled, Set<Role> roles, Set<UUID> clinicIds) {

    Actor actor() {
        return new Actor(id, username, organizationId, roles, clinicIds);
    }
}
