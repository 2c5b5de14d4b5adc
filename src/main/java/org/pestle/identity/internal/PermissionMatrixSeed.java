package org.pestle.identity.internal;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Fills the permission matrix with the shipped defaults on the first start; never overwrites an admin's matrix. */
@Component
class PermissionMatrixSeed {

    private final PermissionMatrix matrix;

    PermissionMatrixSeed(PermissionMatrix matrix) {
        this.matrix = matrix;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        matrix.seedDefaultsIfEmpty();
    }
}
