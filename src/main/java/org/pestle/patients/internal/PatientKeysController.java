package org.pestle.patients.internal;

import java.util.List;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.patients.internal.KeyRotation.KeyStatus;
import org.pestle.patients.internal.KeyRotation.Progress;
import org.pestle.platform.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API of the patient keys: key ids with their row counts and the rotation's progress
 * (identifiers and counts only), and starting a rotation. For pharmacy admins (pharmacy-side users
 * who may manage users).
 */
@RestController
@RequestMapping("/api/admin/patient-keys")
class PatientKeysController {

    private final KeyRotation rotation;
    private final KeyRotationWorker worker;
    private final Permissions permissions;
    private final PatientsProperties properties;

    PatientKeysController(KeyRotation rotation, KeyRotationWorker worker, Permissions permissions,
            PatientsProperties properties) {
        this.rotation = rotation;
        this.worker = worker;
        this.permissions = permissions;
        this.properties = properties;
    }

    @GetMapping
    KeyStatus status() {
        requireAdmin();
        return rotation.status();
    }

    /** Starts a rotation; 202 with its progress, which {@code GET} follows. */
    @PostMapping("/rotations")
    ResponseEntity<Progress> rotate() {
        Actor actor = requireAdmin();
        Progress started = rotation.start(actor.username(), worker.id(), properties.rotation().lease());
        worker.wake();
        return ResponseEntity.accepted().body(started);
    }

    private Actor requireAdmin() {
        Actor actor = CurrentActor.require();
        if (!actor.pharmacySide() || !permissions.canDo(actor, Action.MANAGE_USERS)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "Only a pharmacy admin may manage the patient keys", List.of());
        }
        return actor;
    }
}
