package org.pestle.identity;

import java.util.Set;

/**
 * A signed-in user's request was refused with 403: by Spring Security's rules, by the permission
 * matrix ({@link Permissions#require}), by a module's own role check, or by Camunda's authorizations.
 * Not published for anonymous requests (they are answered 401 or sent to the login page) nor for
 * what a user may not see (answered 404).
 *
 * @param username the user
 * @param roles the user's roles
 * @param method the HTTP method
 * @param path the request path, no query string, free text masked: the endpoint's pattern with its
 *        UUIDs and numbers filled in ({@code /api/orders/<uuid>}), else the first two segments and
 *        UUIDs and numbers, other segments {@code *}
 * @param action the permission-matrix action refused, if the refusal came from the matrix, else null
 * @param sourceAddress the client's address
 */
public record AccessDenied(String username, Set<Role> roles, String method, String path, Action action,
        String sourceAddress) {
}
