package org.pestle.identity;

import java.util.Optional;

import org.pestle.identity.internal.signin.PestleUserDetails;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The actor of the current request, from Spring Security's context. */
public final class CurrentActor {

    private CurrentActor() {
    }

    /** The authenticated Pestle user of this thread, if any. */
    public static Optional<Actor> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof PestleUserDetails user) {
            return Optional.of(user.actor());
        }
        return Optional.empty();
    }

    /** The authenticated Pestle user of this thread; fails if there is none. */
    public static Actor require() {
        return find().orElseThrow(() -> new IllegalStateException("No authenticated Pestle user on this thread"));
    }
}
