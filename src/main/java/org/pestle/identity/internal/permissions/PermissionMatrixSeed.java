package org.pestle.identity.internal.permissions;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Fills the permission matrix with the shipped defaults on the first start; never overwrites an admin's matrix.
 * Runs once every bean is created and before the web server takes its first request (the web server starts
 * later, in the context's lifecycle phase), so no request can meet an empty matrix.
 */
@Component
class PermissionMatrixSeed implements SmartInitializingSingleton {

    private final PermissionMatrix matrix;

    PermissionMatrixSeed(PermissionMatrix matrix) {
        this.matrix = matrix;
    }

    @Override
    public void afterSingletonsInstantiated() {
        matrix.seedDefaultsIfEmpty();
    }
}
