package org.pestle.identity.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.pestle.identity.AccessDenied;
import org.pestle.identity.Action;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Publishes {@link AccessDenied} once for every request of a signed-in user that is answered 403,
 * whoever refused it: Spring Security's rules (its access-denied handlers run inside this filter),
 * the permission matrix ({@link PermissionMatrix#require}, which leaves the refused action on the
 * request), a module's own role check, or Camunda's authorizations. Anonymous requests are answered
 * 401 or sent to the login page and are not published: they name nobody, and recording each would
 * let anyone flood the trail. What a user may not see is answered 404 and is not a denial.
 */
class DeniedRequests extends OncePerRequestFilter {

    /** The request attribute where {@link PermissionMatrix#require} leaves the action it refused. */
    static final String REFUSED_ACTION = DeniedRequests.class.getName() + ".action";

    private final ApplicationEventPublisher events;

    DeniedRequests(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (response.getStatus() == HttpServletResponse.SC_FORBIDDEN && authentication != null
                    && authentication.getPrincipal() instanceof PestleUserDetails user) {
                Action refused = request.getAttribute(REFUSED_ACTION) instanceof Action action ? action : null;
                events.publishEvent(new AccessDenied(user.getUsername(), user.actor().roles(), request.getMethod(),
                        request.getRequestURI().substring(request.getContextPath().length()), refused,
                        request.getRemoteAddr()));
            }
        }
    }

    /** Called where the permission matrix refuses an action: notes it on the current request, if any. */
    static void noteRefused(Action action) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(REFUSED_ACTION, action, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
