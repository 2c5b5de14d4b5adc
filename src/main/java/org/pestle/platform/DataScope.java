package org.pestle.platform;

import org.pestle.platform.internal.TransactionActor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Changes the scope of the current database transaction. Every transaction starts with the scope
 * of its thread (the signed-in user, or the system for Camunda's job executor); background work
 * that runs elsewhere (schedulers, startup) enters the system scope explicitly, naming itself as the
 * actor.
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
        if (!actor.startsWith("system:")) {
            throw new IllegalArgumentException("A system actor is named system:<what>");
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The system scope is entered inside a transaction");
        }
        jdbc.sql("""
                select set_config('pestle.scope', 'system', true), set_config('pestle.actor', ?, true),
                       set_config('pestle.clinic_ids', '', true), set_config('pestle.patient_id', '', true)""")
                .param(actor).query().singleRow();
        TransactionActor.remember(actor);
    }

    /**
     * Switches the current transaction to one patient's scope: row-level security then shows only
     * that patient's rows, whatever the query asks for.
     *
     * @param patientId the patient
     * @param actor who is acting, e.g. {@code patient-link}
     */
    public void enterPatient(java.util.UUID patientId, String actor) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A patient scope is entered inside a transaction");
        }
        jdbc.sql("""
                select set_config('pestle.scope', 'patient', true), set_config('pestle.actor', ?, true),
                       set_config('pestle.clinic_ids', '', true), set_config('pestle.patient_id', ?, true)""")
                .params(actor, patientId.toString()).query().singleRow();
        TransactionActor.remember(actor);
    }

    /**
     * The actor of the current transaction ({@code pestle.actor}), or "anonymous": remembered where the
     * transaction declared it (no round trip), else read from the database.
     */
    public String actor() {
        String remembered = TransactionSynchronizationManager.isActualTransactionActive()
                ? TransactionActor.current() : null;
        if (remembered != null) {
            return remembered.isEmpty() ? "anonymous" : remembered;
        }
        return jdbc.sql("select coalesce(nullif(current_setting('pestle.actor', true), ''), 'anonymous')")
                .query(String.class).single();
    }
}
