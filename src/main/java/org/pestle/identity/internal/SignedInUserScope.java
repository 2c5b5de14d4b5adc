package org.pestle.identity.internal;

import java.util.Optional;

import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.platform.Scope;
import org.pestle.platform.ScopeResolver;
import org.springframework.stereotype.Component;

/**
 * The data scope of a signed-in user: pharmacy-side users reach every client clinic (an explicit
 * policy, not a bypass), clinic-side users the clinics they are assigned to.
 */
@Component
class SignedInUserScope implements ScopeResolver {

    @Override
    public Optional<Scope> current() {
        return CurrentActor.find().map(SignedInUserScope::scopeOf);
    }

    static Scope scopeOf(Actor actor) {
        return actor.pharmacySide() ? Scope.pharmacy(actor.username())
                : Scope.clinics(actor.username(), actor.clinicIds());
    }
}
