package org.pestle.platform;

import java.util.Optional;

/**
 * Tells the scope of the work on the current thread (implemented by the identity module from the
 * signed-in user). Asked once at the start of every database transaction.
 */
public interface ScopeResolver {

    /** The scope of the current thread's work, if this resolver knows it. */
    Optional<Scope> current();
}
