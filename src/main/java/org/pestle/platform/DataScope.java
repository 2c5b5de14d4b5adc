package org.pestle.platform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The acting scope of the current database transaction, as transaction-local settings that
 * PostgreSQL's row-level security policies read ({@code pestle.scope}, {@code pestle.actor}).
 * Background work (jobs, timers, startup) declares the system scope explicitly, naming itself as
 * the actor; request work gets the signed-in user's scope.
 */
@Component
public class DataScope {

    private final JdbcClient jdbc;

    DataScope(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Switches the current transaction to the system scope.
     *
     * @param actor who is acting, recorded as such, e.g. {@code system:refill-reminders}
     * @throws IllegalStateException outside a transaction (a setting would not last)
     */
    public void enterSystem(String actor) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The system scope is entered inside a transaction");
        }
        jdbc.sql("select set_config('pestle.scope', 'system', true), set_config('pestle.actor', ?, true)")
                .param(actor).query().singleRow();
    }
}
