package org.pestle.tenancy;

import java.util.Optional;
import java.util.UUID;

/**
 * A prescriber: a Pestle user with an NPI and, where they prescribe controlled substances, a DEA
 * registration.
 *
 * @param id prescriber id
 * @param userId the Pestle user
 * @param username the user's login name (Camunda user id, assignee of clarification tasks)
 * @param organizationId the organization they practice for
 * @param npi National Provider Identifier
 * @param deaNumber DEA registration number, if any
 */
public record Prescriber(UUID id, UUID userId, String username, UUID organizationId, String npi,
        Optional<String> deaNumber) {
}
