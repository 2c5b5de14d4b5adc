package org.pestle.tenancy;

import java.util.Optional;
import java.util.UUID;

/** Looks up prescribers. */
public interface Prescribers {

    /** The prescriber profile of a Pestle user, if the user is a prescriber. */
    Optional<Prescriber> findByUserId(UUID userId);

    /** The prescriber with this id. */
    Optional<Prescriber> find(UUID prescriberId);
}
