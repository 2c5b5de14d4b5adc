package org.pestle.audit.internal;

import java.util.Map;

import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.audit.Outcome;
import org.pestle.platform.DataScope;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records sign-ins and failed sign-ins. These happen before (or without) any
 * transaction of the user, and a failed sign-in rolls its own work back, so each is recorded in a
 * transaction of its own, in the system scope named {@code system:security}.
 */
@Component
class SecurityEventAuditor {

    private final AuditRecords audit;
    private final DataScope dataScope;
    private final TransactionTemplate ownTransaction;

    SecurityEventAuditor(AuditRecords audit, DataScope dataScope, PlatformTransactionManager transactions) {
        this.audit = audit;
        this.dataScope = dataScope;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        record(AuditEntry.of(nameOf(event.getAuthentication()), "login.succeeded", "user",
                nameOf(event.getAuthentication()))
                .withSource(null, address(event.getAuthentication()))
                .withDetails(Map.of("method", event.getAuthentication().getClass().getSimpleName())));
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        record(AuditEntry.of(nameOf(event.getAuthentication()), "login.failed", "user",
                nameOf(event.getAuthentication())).withOutcome(Outcome.FAILED)
                .withSource(null, address(event.getAuthentication()))
                .withDetails(Map.of("failure", event.getException().getClass().getSimpleName())));
    }

    /**
     * Who tried to sign in, as they named themselves; "unknown" when the attempt named nobody (a
     * refused single sign-on, for instance): the attempt is recorded all the same.
     */
    private static String nameOf(Authentication authentication) {
        String name = authentication == null ? null : authentication.getName();
        return name == null || name.isBlank() ? "unknown" : name;
    }

    /** The client's address, from the details Spring Security keeps with a web sign-in. */
    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    private void record(AuditEntry entry) {
        ownTransaction.executeWithoutResult(status -> {
            dataScope.enterSystem("system:security");
            audit.record(entry);
        });
    }
}
