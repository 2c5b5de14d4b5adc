package org.pestle.ordering;

import java.util.Optional;
import java.util.UUID;

import org.pestle.identity.Actor;

/** Reads orders on behalf of a user: only orders of clinics the user may access are found. */
public interface Orders {

    /** The order, if it exists and the actor may see it. */
    Optional<OrderView> find(Actor actor, UUID orderId);

    /**
     * The order, for background work that runs in the system scope (process jobs, schedulers);
     * never for a user's request.
     */
    Optional<OrderView> findForSystem(UUID orderId);
}
