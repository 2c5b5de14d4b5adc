package org.pestle.platform.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.context.Context;
import org.pestle.platform.Scope;
import org.pestle.platform.ScopeResolver;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Every transaction starts by telling PostgreSQL whose data it may touch, as transaction-local
 * settings ({@code set_config(..., true)}) that the row-level security policies read: the
 * signed-in user's scope, the system scope for Camunda's job executor, or no scope at all.
 * Camunda's engine runs in the same transactions.
 */
class ScopedTransactionManager extends JdbcTransactionManager {

    static final String JOB_EXECUTOR = "system:job-executor";

    private final List<ScopeResolver> resolvers;

    ScopedTransactionManager(DataSource dataSource, List<ScopeResolver> resolvers) {
        super(dataSource);
        this.resolvers = resolvers;
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        Scope scope = current();
        apply(connection, scope);
        TransactionActor.remember(scope.actor());
    }

    @Override
    protected Object doSuspend(Object transaction) {
        String actor = TransactionActor.forget();
        return new Suspended(super.doSuspend(transaction), actor);
    }

    @Override
    protected void doResume(Object transaction, Object suspendedResources) {
        Suspended suspended = (Suspended) suspendedResources;
        super.doResume(transaction, suspended.resources());
        TransactionActor.remember(suspended.actor());
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        TransactionActor.forget();
        super.doCleanupAfterCompletion(transaction);
    }

    /** What a suspended transaction leaves aside: its connection and its remembered actor. */
    private record Suspended(Object resources, String actor) {
    }

    Scope current() {
        if (Context.getJobExecutorContext() != null) {
            return Scope.system(JOB_EXECUTOR);
        }
        for (ScopeResolver resolver : resolvers) {
            Optional<Scope> scope = resolver.current();
            if (scope.isPresent()) {
                return scope.get();
            }
        }
        return Scope.none();
    }

    static void apply(Connection connection, Scope scope) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select set_config('pestle.scope', ?, true), set_config('pestle.actor', ?, true),
                       set_config('pestle.clinic_ids', ?, true), set_config('pestle.patient_id', ?, true)""")) {
            statement.setString(1, scope.kind().setting());
            statement.setString(2, scope.actor());
            statement.setString(3, scope.clinicIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(",")));
            statement.setString(4, scope.patientId() == null ? "" : scope.patientId().toString());
            statement.execute();
        }
    }
}
