package org.pestle.platform.internal;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The actor the current transaction declared ({@code pestle.actor}), remembered in memory where it is
 * set ({@link ScopedTransactionManager} at the start of each transaction, {@code DataScope} when it
 * switches scope), so that asking for it costs no round trip. Bound to the thread's transaction as a
 * resource; unbound when the transaction ends, put aside while it is suspended.
 */
public final class TransactionActor {

    private static final Object KEY = new Object();

    private TransactionActor() {
    }

    /** The remembered actor of the current transaction, or null if none was remembered. */
    public static String current() {
        return (String) TransactionSynchronizationManager.getResource(KEY);
    }

    /** Remembers the actor the current transaction has just declared. */
    public static void remember(String actor) {
        TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        if (actor != null) {
            TransactionSynchronizationManager.bindResource(KEY, actor);
        }
    }

    /** Forgets it (the transaction ended, or is suspended); returns what was remembered. */
    static String forget() {
        return (String) TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
    }
}
