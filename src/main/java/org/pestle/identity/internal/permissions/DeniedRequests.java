package org.pestle.identity.internal.permissions;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.pestle.identity.AccessDenied;
import org.pestle.identity.Action;
import org.pestle.identity.internal.signin.PestleUserDetails;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Publishes {@link AccessDenied} once for every request of a signed-in user that is answered 403,
 * whoever refused it: Spring Security's rules (its access-denied handlers run inside this filter),
 * the permission matrix ({@link PermissionMatrix#require}, which leaves the refused action on the
 * request), a module's own role check, or Camunda's authorizations. Anonymous requests are answered
 * 401 or sent to the login page and are not published: they name nobody, and recording each would
 * let anyone flood the trail. What a user may not see is answered 404 and is not a denial.
 */
public class DeniedRequests extends OncePerRequestFilter {

    /** The request attribute where {@link PermissionMatrix#require} leaves the action it refused. */
    static final String REFUSED_ACTION = DeniedRequests.class.getName() + ".action";

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    private static final Pattern UUID_OR_NUMBER = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9]{1,19}");

    private final ApplicationEventPublisher events;

    public DeniedRequests(ApplicationEventPublisher events) {
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
                        pathOf(request), refused, request.getRemoteAddr()));
            }
        }
    }

    /**
     * The path as it may be recorded: a path segment is whatever the client typed, maybe a patient's
     * name. Pestle's own endpoints are named by their pattern with the path's identifiers filled in
     * where they are UUIDs ({@code /api/orders/{id}} becomes {@code /api/orders/<uuid>}, a non-UUID
     * stays {@code {id}}); other paths (Camunda's) keep only their fixed first two segments and
     * UUIDs and numbers ({@code /camunda/api/*}{@code /*}).
     */
    static String pathOf(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
            Map<?, ?> variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                    instanceof Map<?, ?> found ? found : Map.of();
            Matcher variable = VARIABLE.matcher(pattern);
            StringBuilder path = new StringBuilder();
            while (variable.find()) {
                Object value = variables.get(variable.group(1));
                String replacement = value instanceof String text && UUID_OR_NUMBER.matcher(text).matches() ? text
                        : variable.group();
                variable.appendReplacement(path, Matcher.quoteReplacement(replacement));
            }
            return variable.appendTail(path).toString();
        }
        String[] segments = request.getRequestURI().substring(request.getContextPath().length()).split("/", -1);
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            boolean kept = i <= 2 || UUID_OR_NUMBER.matcher(segments[i]).matches();
            path.append('/').append(kept ? segments[i] : "*");
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    /** Called where the permission matrix refuses an action: notes it on the current request, if any. */
    static void noteRefused(Action action) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(REFUSED_ACTION, action, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
