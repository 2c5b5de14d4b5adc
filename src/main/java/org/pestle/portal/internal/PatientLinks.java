package org.pestle.portal.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.pestle.platform.SignedIds;
import org.pestle.portal.PatientPageLinks;
import org.springframework.stereotype.Component;

/** Signed, expiring patient links ({@link SignedIds} with the portal's key). */
@Component
class PatientLinks implements PatientPageLinks {

    private final SignedIds signed;
    private final PatientLinkSettings settings;
    private final Clock clock;

    PatientLinks(PatientLinkSettings settings, Clock clock) {
        this.signed = new SignedIds(settings.signingKey());
        this.settings = settings;
        this.clock = clock;
    }

    String tokenFor(UUID patientId) {
        return signed.sign(patientId, clock.instant().plus(settings.validity()));
    }

    @Override
    public String pathFor(UUID patientId) {
        return "/p/" + tokenFor(patientId);
    }

    /** The patient of a genuine, unexpired token. */
    Optional<UUID> patientOf(String token) {
        return signed.verify(token, clock.instant());
    }
}
