package org.pestle.platform;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request Pestle refuses, answered as RFC 9457 problem+json. Messages name fields and rules,
 * never patient data.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;

    /**
     * @param status HTTP status
     * @param type short problem type, becomes {@code urn:pestle:problem:<type>}
     * @param title one-line summary that does not vary between occurrences
     * @param detail this occurrence, in words
     * @param errors the fields at fault, if any
     */
    public ApiProblem(HttpStatus status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** 404: the thing does not exist or is not visible to the caller (the two are not told apart). */
    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " was not found", List.of());
    }

    /**
     * 404 for an id taken from the request's path: the id is named only if it is a UUID, since a path
     * segment that is not one may be anything a client put there (a patient's name, say).
     */
    public static ApiProblem notFound(String what, String id) {
        return notFound(isUuid(id) ? what + " " + id : what);
    }

    private static boolean isUuid(String id) {
        try {
            return id != null && java.util.UUID.fromString(id).toString().equalsIgnoreCase(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** 422: a well-formed request whose field names something that cannot be used. */
    public static ApiProblem invalidField(String field, String message) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-reference", "The request cannot be processed",
                field + ": " + message, List.of(new FieldError(field, message)));
    }

    /** 409: the request conflicts with an earlier one. */
    public static ApiProblem conflict(String type, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, type, "Conflict", detail, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return typeUri(type);
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The URI of a problem type. */
    public static URI typeUri(String type) {
        return URI.create("urn:pestle:problem:" + type);
    }

    /**
     * One field at fault.
     *
     * @param field the JSON path of the field, e.g. {@code lines[0].quantity}
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }
}
