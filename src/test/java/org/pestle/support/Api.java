package org.pestle.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Calls Pestle's HTTP API as a given demo user (with their API token) or as nobody, the way a client would. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate http;

    public Api(TestRestTemplate http) {
        this.http = http;
    }

    public Response get(String user, String path) {
        return exchange(user, HttpMethod.GET, path, null, Map.of());
    }

    public Response post(String user, String path, Object body) {
        return exchange(user, HttpMethod.POST, path, body, Map.of());
    }

    public Response post(String user, String path, Object body, Map<String, String> headers) {
        return exchange(user, HttpMethod.POST, path, body, headers);
    }

    public Response exchange(String user, HttpMethod method, String path, Object body, Map<String, String> headers) {
        HttpHeaders httpHeaders = new HttpHeaders();
        httpHeaders.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        if (body != null) {
            httpHeaders.setContentType(MediaType.APPLICATION_JSON);
        }
        headers.forEach(httpHeaders::add);
        if (user != null) {
            httpHeaders.setBearerAuth(Demo.API_TOKENS.get(user));
        }
        TestRestTemplate client = http;
        String payload = body == null ? null : body instanceof String s ? s : write(body);
        ResponseEntity<String> response = client.exchange(path, method, new HttpEntity<>(payload, httpHeaders),
                String.class);
        return new Response(response);
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A response with its body parsed as JSON (if it has one). */
    public record Response(ResponseEntity<String> entity) {

        public int status() {
            return entity.getStatusCode().value();
        }

        public String body() {
            return entity.getBody();
        }

        public JsonNode json() {
            try {
                return entity.getBody() == null ? JSON.nullNode() : JSON.readTree(entity.getBody());
            } catch (Exception e) {
                throw new AssertionError("Not JSON: " + entity.getBody(), e);
            }
        }

        public String header(String name) {
            return entity.getHeaders().getFirst(name);
        }

        public MediaType contentType() {
            return entity.getHeaders().getContentType();
        }
    }
}
