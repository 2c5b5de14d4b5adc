package org.pestle.identity.internal.camunda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.pestle.platform.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Camunda's refusals on its REST APIs ({@code /engine-rest} and the webapps' {@code /camunda/api/...})
 * as problem+json that names no id. Camunda answers an instance or task of a clinic the user is not
 * assigned to with 500 (ENGINE-13034, "belongs to no authenticated tenant"), one that does not exist
 * with 500 or 404 and one the user may not read with 403, each naming the id: a refusal would page an
 * operator, and the three answers told apart whether the instance exists. Here all three are one 404;
 * a refusal that names no particular resource (no CREATE permission, admin only) is a 403. Every
 * other exception keeps Camunda's own answer, so a real fault is still a 500.
 *
 * <p>Camunda's JAX-RS applications are created by Camunda, not by Spring: the mappers are added to
 * every one of them by Jersey's auto-discovery (META-INF/services), ahead of Camunda's mappers of the
 * same exception types by their priority, and they map only what {@link #refusal} recognizes.
 */
final class CamundaRefusals {

    /** Camunda's tenant check: "ENGINE-13034 Cannot ... because it belongs to no authenticated tenant." */
    private static final String UNAUTHORIZED_TENANT = "ENGINE-13034";

    /** A path segment that may be an id (Camunda's ids are UUIDs here): it has a digit in it. */
    private static final Pattern ID_LIKE = Pattern.compile(".*[0-9].*");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_FOUND = body(HttpStatus.NOT_FOUND, "not-found", "Not found",
            "Nothing was found here that you may see");
    private static final String FORBIDDEN = body(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
            "Your role does not allow this request");

    private CamundaRefusals() {
    }

    /**
     * The status a refusal is answered with, or null if the exception is no refusal. Camunda wraps a
     * command's exception in a {@link RestException} in some resources, so the causes are looked at.
     * A missing entity counts only when the request's own path names it: a command that fails on some
     * other entity it needed is a fault, not the caller's fault.
     */
    static HttpStatus refusal(Throwable thrown, List<PathSegment> path) {
        for (Throwable e = thrown; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof AuthorizationException denied) {
                return namesAResource(denied) ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN;
            }
            if (isTenantRefusal(e)) {
                return HttpStatus.NOT_FOUND;
            }
            if ((e instanceof NullValueException || e instanceof NotFoundException) && namesPathId(e, path)) {
                return HttpStatus.NOT_FOUND;
            }
            if (e instanceof RestException rest && rest.getStatus() == Response.Status.NOT_FOUND) {
                return HttpStatus.NOT_FOUND;
            }
        }
        return null;
    }

    /** Camunda's tenant check refused a command: the instance or task is of a clinic not the user's. */
    static boolean isTenantRefusal(Throwable e) {
        return e instanceof ProcessEngineException && String.valueOf(e.getMessage()).startsWith(UNAUTHORIZED_TENANT);
    }

    private static boolean namesAResource(AuthorizationException denied) {
        return denied.getMissingAuthorizations().stream().map(MissingAuthorization::getResourceId)
                .anyMatch(id -> id != null && !id.equals("*"));
    }

    private static boolean namesPathId(Throwable e, List<PathSegment> path) {
        String message = String.valueOf(e.getMessage());
        return path.stream().map(PathSegment::getPath)
                .anyMatch(segment -> ID_LIKE.matcher(segment).matches() && message.contains(segment));
    }

    static Response response(HttpStatus status) {
        return Response.status(status.value()).type(MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .entity(status == HttpStatus.NOT_FOUND ? NOT_FOUND : FORBIDDEN).build();
    }

    private static String body(HttpStatus status, String type, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ApiProblem.typeUri(type).toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An exception a command threw (Camunda's own mapper of this type answers the rest). */
    @Priority(Priorities.USER - 100)
    public static final class EngineExceptions implements ExtendedExceptionMapper<ProcessEngineException> {

        @Context
        private UriInfo uri;

        @Override
        public boolean isMappable(ProcessEngineException exception) {
            return refusal(exception, uri.getPathSegments()) != null;
        }

        @Override
        public Response toResponse(ProcessEngineException exception) {
            return response(refusal(exception, uri.getPathSegments()));
        }
    }

    /** A resource's own answer, often wrapping a command's exception. */
    @Priority(Priorities.USER - 100)
    public static final class RestExceptions implements ExtendedExceptionMapper<RestException> {

        @Context
        private UriInfo uri;

        @Override
        public boolean isMappable(RestException exception) {
            return refusal(exception, uri.getPathSegments()) != null;
        }

        @Override
        public Response toResponse(RestException exception) {
            return response(refusal(exception, uri.getPathSegments()));
        }
    }

    /** Adds both mappers to every JAX-RS application of Camunda's (listed in META-INF/services). */
    public static final class Discovery implements AutoDiscoverable {

        @Override
        public void configure(FeatureContext context) {
            if (!context.getConfiguration().isRegistered(EngineExceptions.class)) {
                context.register(EngineExceptions.class);
                context.register(RestExceptions.class);
            }
        }
    }
}
