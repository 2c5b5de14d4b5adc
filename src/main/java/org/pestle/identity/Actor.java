package org.pestle.identity;

import java.util.Set;
import java.util.UUID;

/**
 * The user on whose behalf a request runs.
 *
 * @param userId Pestle user id
 * @param username login name, also the Camunda user id
 * @param organizationId the organization the user belongs to
 * @param roles the user's roles
 * @param clinicIds the clinics the user is assigned to (clinic-side roles)
 */
public record Actor(UUID userId, String username, UUID organizationId, Set<Role> roles, Set<UUID> clinicIds) {

    public Actor {
        roles = Set.copyOf(roles);
        clinicIds = Set.copyOf(clinicIds);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Pharmacy-side users act for every client clinic, by policy. */
    public boolean pharmacySide() {
        return roles.stream().anyMatch(Role::pharmacySide);
    }

    /** Whether this user may see and act on data of the given clinic. */
    public boolean canAccessClinic(UUID clinicId) {
        return pharmacySide() || clinicIds.contains(clinicId);
    }
}
