package org.pestle.identity;

import java.util.Optional;
import java.util.UUID;

/** Break-glass grants as others need to know them: whether a user's access to a clinic comes from one. */
public interface ElevatedAccess {

    /**
     * The grant in force through which the user reaches the clinic, if the user reaches it only
     * through a grant (not assigned to it, not pharmacy-side).
     */
    Optional<Grant> grantInForce(String username, UUID clinicId);

    /**
     * A grant in force.
     *
     * @param grantId the grant
     * @param reason the reason the user gave for it
     */
    record Grant(UUID grantId, String reason) {
    }
}
