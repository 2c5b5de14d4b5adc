package org.pestle.audit.internal;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.audit.Outcome;
import org.pestle.identity.AccessDenied;
import org.pestle.identity.AccountLocked;
import org.pestle.identity.MfaEnrolled;
import org.pestle.identity.MfaFailed;
import org.pestle.identity.MfaVerified;
import org.pestle.identity.Role;
import org.pestle.identity.SessionEnded;
import org.pestle.platform.DataScope;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records sign-ins and failed sign-ins, second factors, lockouts, sign-outs, sessions Pestle ended
 * and refused requests. These happen before, after or without any transaction of the user, and a
 * refused request rolls its own work back, so each is recorded in a transaction of its own
 * ({@code REQUIRES_NEW}), in the system scope named {@code system:security}.
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

    @EventListener
    void on(MfaEnrolled event) {
        record(AuditEntry.of(event.username(), "mfa.enrolled", "user", event.username())
                .withSource(roles(event.roles()), null));
    }

    @EventListener
    void on(MfaVerified event) {
        record(AuditEntry.of(event.username(), "mfa.succeeded", "user", event.username())
                .withSource(roles(event.roles()), null).withDetails(Map.of("method", event.method())));
    }

    @EventListener
    void on(MfaFailed event) {
        record(AuditEntry.of(event.username(), "mfa.failed", "user", event.username()).withOutcome(Outcome.FAILED)
                .withSource(roles(event.roles()), null).withDetails(Map.of("stage", event.stage())));
    }

    /** The system locks the account; the entity names whose. */
    @EventListener
    void on(AccountLocked event) {
        record(AuditEntry.of("system:security", "account.locked", "user", event.username())
                .withSource(null, event.sourceAddress())
                .withDetails(Map.of("lockedUntil", event.lockedUntil().toString(), "after", event.after())));
    }

    @EventListener
    void on(LogoutSuccessEvent event) {
        Authentication authentication = event.getAuthentication();
        record(AuditEntry.of(nameOf(authentication), "logout", "user", nameOf(authentication))
                .withSource(roles(authentication), address(authentication)));
    }

    @EventListener
    void on(SessionEnded event) {
        record(AuditEntry.of(event.username(), event.expired() ? "session.expired" : "session.ended", "user",
                event.username()).withSource(roles(event.roles()), event.sourceAddress())
                .withDetails(Map.of("reason", event.reason())));
    }

    @EventListener
    void on(AccessDenied event) {
        Map<String, Object> details = new TreeMap<>();
        details.put("method", event.method());
        details.put("path", event.path());
        if (event.action() != null) {
            details.put("action", event.action().name());
        }
        record(AuditEntry.of(event.username(), "access.denied", "request", event.method() + " " + event.path())
                .withOutcome(Outcome.DENIED).withSource(roles(event.roles()), event.sourceAddress())
                .withDetails(details));
    }

    private static String roles(Collection<Role> roles) {
        return roles.isEmpty() ? null : roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    /** The roles among a Spring Security authentication's authorities ({@code ROLE_X}), as codes. */
    private static String roles(Authentication authentication) {
        if (authentication == null) {
            return null;
        }
        String roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted()
                .collect(Collectors.joining(","));
        return roles.isEmpty() ? null : roles;
    }

    /** Usernames are at most 63 characters (V2); what an anonymous sign-in attempt types may be anything. */
    static final int MAX_NAME = 64;

    /**
     * Who tried to sign in, as they named themselves, cut to {@value #MAX_NAME} characters (an
     * anonymous caller must not be able to write megabytes into the trail); "unknown" when the attempt
     * named nobody (a refused single sign-on, for instance): the attempt is recorded all the same.
     */
    private static String nameOf(Authentication authentication) {
        String name = authentication == null ? null : authentication.getName();
        if (name == null || name.isBlank()) {
            return "unknown";
        }
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "…";
    }

    /** The client's address, from the details Spring Security keeps with a web sign-in. */
    private static String address(Authentication authentication) {
        return authentication != null && authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null;
    }

    private void record(AuditEntry entry) {
        ownTransaction.executeWithoutResult(status -> {
            dataScope.enterSystem("system:security");
            audit.record(entry);
        });
    }
}
