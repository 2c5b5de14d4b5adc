package org.pestle.identity.internal.signin;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.pestle.identity.SessionEnded;
import org.pestle.identity.internal.UserAccount;
import org.pestle.identity.internal.UserAccounts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session, in Pestle and the Camunda webapps alike, when it was idle too long, when
 * it has lived its absolute lifetime, or when the user's access changed since sign-in (disabled, a
 * role or clinic removed, password or MFA reset): deprovisioning takes effect on the next request.
 * Elevated access granted or ended meanwhile updates the user's clinics without ending the session.
 */
class SessionGuard extends OncePerRequestFilter {

    private final UserAccounts accounts;
    private final SecuritySettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SessionGuard(UserAccounts accounts, SecuritySettings settings, Clock clock, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && authentication != null
                && authentication.getPrincipal() instanceof PestleUserDetails user) {
            Optional<UserAccount> account = accounts.findById(user.actor().userId()).filter(UserAccount::enabled);
            String ended = endedBecause(session, account);
            if (ended != null) {
                events.publishEvent(new SessionEnded(user.getUsername(), user.actor().roles(), ended,
                        request.getRemoteAddr()));
                session.invalidate();
                SecurityContextHolder.clearContext();
                if (request.getRequestURI().startsWith(request.getContextPath() + "/camunda/api/")) {
                    response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                } else {
                    response.sendRedirect(request.getContextPath() + "/login?"
                            + ("ACCESS_CHANGED".equals(ended) ? "ended" : "expired"));
                }
                return;
            }
            session.setAttribute(SignInFlow.LAST_SEEN, clock.instant());
            UserAccount current = account.orElseThrow();
            if (!current.clinicIds().equals(user.actor().clinicIds())) {
                SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken
                        .authenticated(new PestleUserDetails(current, false), null, authentication.getAuthorities()));
            }
        }
        chain.doFilter(request, response);
    }

    private String endedBecause(HttpSession session, Optional<UserAccount> account) {
        Instant now = clock.instant();
        Instant signedInAt = (Instant) session.getAttribute(SignInFlow.SIGNED_IN_AT);
        Instant lastSeen = (Instant) session.getAttribute(SignInFlow.LAST_SEEN);
        Long stamp = (Long) session.getAttribute(SignInFlow.SECURITY_STAMP);
        if (signedInAt == null || lastSeen == null || stamp == null) {
            return "INCOMPLETE";
        }
        if (Duration.between(signedInAt, now).compareTo(settings.absoluteTimeout()) > 0) {
            return "ABSOLUTE_TIMEOUT";
        }
        if (Duration.between(lastSeen, now).compareTo(settings.idleTimeout()) > 0) {
            return "IDLE_TIMEOUT";
        }
        return account.map(a -> a.securityStamp() == stamp).orElse(false) ? null : "ACCESS_CHANGED";
    }
}
