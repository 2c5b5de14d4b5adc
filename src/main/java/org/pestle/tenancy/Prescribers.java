package org.pestle.tenancy;

import java.util.Optional;
import java.util.UUID;

/** Looks up prescribers. */
public interface Prescribers {

    /** The prescriber profile of a Pestle user, if the user is a prescriber. */
    Optional<Prescriber> findByUserId(UUID userId);

    /** The prescriber with this id. */
    Optional<Prescriber> find(UUID prescriberId);

    /**
     * Records or updates a user's prescriber credentials. The caller has checked the identifiers
     * ({@link ProviderIdentifiers}).
     *
     * @param userId the Pestle user
     * @param username the user's login name (kept with the prescriber; login names never change)
     * @param organizationId the organization they practice for
     * @param npi their NPI
     * @param deaNumber their DEA registration, if any
     * @return the prescriber
     * @throws org.springframework.dao.DuplicateKeyException if another prescriber has this NPI
     */
    Prescriber register(UUID userId, String username, UUID organizationId, String npi, Optional<String> deaNumber);
}
