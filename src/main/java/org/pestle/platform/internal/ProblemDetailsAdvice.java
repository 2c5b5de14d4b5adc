package org.pestle.platform.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.ApiProblem.FieldError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.core.MethodParameter;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the API as RFC 9457 problem+json. Field errors are listed under {@code errors}
 * with the JSON path of the field; the rejected value is never echoed back (it may be patient data).
 * Nor is the request's path (no {@code instance}, nor the path in a detail), since a client may have put
 * anything there (PatientDataCanaryIntegrationTests).
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> handle(ApiProblem problem) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        body.setType(problem.type());
        body.setTitle(problem.title());
        if (!problem.errors().isEmpty()) {
            body.setProperty("errors", problem.errors());
        }
        return ResponseEntity.status(problem.status()).body(withoutInstance(body));
    }

    /** Every problem Spring MVC's own handlers answer with passes here. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        return super.createResponseEntity(body instanceof ProblemDetail problem ? withoutInstance(problem)
                : body, headers, statusCode, request);
    }

    /** A path variable or query parameter of the wrong type: named, its value not repeated. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName();
        Class<?> required = ex.getRequiredType();
        if (ex instanceof MethodArgumentTypeMismatchException argument) {
            name = argument.getName();
            required = argument.getParameter().nestedIfOptional().getNestedParameterType();
        }
        String type = required == null ? "value" : required.getSimpleName();
        return validationProblem(List.of(new FieldError(name == null ? "" : name, "must be of type " + type)));
    }

    /** No endpoint for the path: said without repeating the path. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is nothing at this path");
        body.setType(ApiProblem.typeUri("not-found"));
        body.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(withoutInstance(body));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors()
                .forEach(e -> errors.add(new FieldError(e.getField(), e.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors()
                .forEach(e -> errors.add(new FieldError(e.getObjectName(), e.getDefaultMessage())));
        errors.sort(Comparator.comparing(FieldError::field));
        return validationProblem(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors bean) {
                bean.getFieldErrors().forEach(e -> errors.add(new FieldError(e.getField(), e.getDefaultMessage())));
                bean.getGlobalErrors().forEach(e -> errors.add(new FieldError(e.getObjectName(),
                        e.getDefaultMessage())));
            } else {
                String name = requestName(result.getMethodParameter());
                result.getResolvableErrors().forEach(e -> errors.add(new FieldError(name, e.getDefaultMessage())));
            }
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return validationProblem(errors);
    }

    /** The name the client used: the header or query parameter name, not the Java parameter name. */
    private static String requestName(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        return parameter.getParameterName();
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String detail = "The request body is not valid JSON for this endpoint";
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping);
            String message = mapping instanceof InvalidFormatException invalid
                    ? "must be of type " + invalid.getTargetType().getSimpleName()
                    : "cannot be read";
            errors.add(new FieldError(field, message));
            detail = field + ": " + message;
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        body.setType(ApiProblem.typeUri("malformed-request"));
        body.setTitle("Malformed request");
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors);
        }
        return ResponseEntity.badRequest().body(withoutInstance(body));
    }

    private static ResponseEntity<Object> validationProblem(List<FieldError> errors) {
        String detail = errors.isEmpty() ? "The request is not valid"
                : "Invalid fields: " + String.join(", ", errors.stream().map(FieldError::field).distinct().toList());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        body.setType(ApiProblem.typeUri("validation"));
        body.setTitle("The request is not valid");
        body.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(withoutInstance(body));
    }

    /**
     * Leaves {@code instance} out (the empty URI is not written): Spring would otherwise fill in the
     * request's path, and a client may have put anything there.
     */
    private static ProblemDetail withoutInstance(ProblemDetail body) {
        body.setInstance(URI.create(""));
        return body;
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
