package org.pestle.identity.internal.breakglass;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.ElevatedAccessGranted;
import org.pestle.platform.ApiProblem;
import org.pestle.tenancy.Clinics;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Break-glass: {@code POST /api/elevated-access} with a clinic, a reason and a duration (at most four
 * hours) gives the caller that clinic's data at once; the grant ends by itself, or earlier with
 * {@code POST /api/elevated-access/{id}/end}, and a privacy officer reviews it.
 */
@RestController
@RequestMapping("/api/elevated-access")
class ElevatedAccessController {

    private final ElevatedAccessGrants grants;
    private final ElevatedAccessProcess process;
    private final Clinics clinics;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ElevatedAccessController(ElevatedAccessGrants grants, ElevatedAccessProcess process, Clinics clinics, Clock clock,
            ApplicationEventPublisher events) {
        this.grants = grants;
        this.process = process;
        this.clinics = clinics;
        this.clock = clock;
        this.events = events;
    }

    @PostMapping
    @Transactional
    ResponseEntity<ElevatedAccessGrants.Grant> request(@Valid @RequestBody Request request) {
        Actor actor = CurrentActor.require();
        if (actor.pharmacySide()) {
            throw ApiProblem.conflict("not-needed", "Pharmacy staff already work for every client clinic");
        }
        if (clinics.find(request.clinicId()).isEmpty()) {
            throw ApiProblem.invalidField("clinicId", "is not a clinic");
        }
        if (actor.clinicIds().contains(request.clinicId())) {
            throw ApiProblem.conflict("not-needed", "You already work for this clinic");
        }
        Duration duration = Duration.ofMinutes(request.minutes());
        Instant expiresAt = clock.instant().plus(duration);
        UUID grantId = grants.grant(actor.userId(), request.clinicId(), request.reason().strip(), expiresAt);
        process.start(grantId, actor.username(), duration);
        events.publishEvent(new ElevatedAccessGranted(grantId, actor.username(), request.clinicId(),
                request.reason().strip(), expiresAt));
        return ResponseEntity.created(URI.create("/api/elevated-access/" + grantId))
                .body(grants.find(grantId).orElseThrow());
    }

    @GetMapping
    List<ElevatedAccessGrants.Grant> mine() {
        return grants.of(CurrentActor.require().userId());
    }

    @PostMapping("/{id}/end")
    @Transactional
    ResponseEntity<Void> end(@PathVariable UUID id) {
        Actor actor = CurrentActor.require();
        ElevatedAccessGrants.Grant grant = grants.find(id).filter(g -> g.username().equals(actor.username()))
                .orElseThrow(() -> ApiProblem.notFound("Grant " + id));
        if (grant.endedAt() != null) {
            throw new ApiProblem(HttpStatus.CONFLICT, "already-ended", "Conflict", "This access has ended already",
                    List.of());
        }
        process.endEarly(id);
        return ResponseEntity.noContent().build();
    }

    /**
     * @param clinicId the clinic whose data is needed
     * @param reason why, in words (kept for the privacy officer's review)
     * @param minutes how long, at most 240
     */
    record Request(@NotNull UUID clinicId, @NotNull @Size(min = 10, max = 500) String reason,
            @NotNull @Min(5) @Max(240) Integer minutes) {
    }
}
