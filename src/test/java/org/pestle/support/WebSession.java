package org.pestle.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like session (cookies kept, redirects not followed) against the running application. */
public final class WebSession {

    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

    private final String base;
    private final MutableClock clock;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    public WebSession(int port, MutableClock clock) {
        this.base = "http://localhost:" + port;
        this.clock = clock;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Signs a demo user in with both factors, as a person would: password, then the authenticator's code. */
    public HttpResponse<String> signIn(String username) {
        HttpResponse<String> password = password(username, Demo.PASSWORD);
        if (!password.headers().firstValue("Location").orElse("").endsWith("/mfa")) {
            throw new AssertionError("Password step of " + username + " did not lead to /mfa: " + password.statusCode()
                    + " " + password.headers().firstValue("Location").orElse(""));
        }
        return code(Authenticator.nextCode(Demo.TOTP_SECRETS.get(username), clock));
    }

    /** The first step of signing in: the login form. Returns the response to the form post. */
    public HttpResponse<String> password(String username, String password) {
        String csrf = csrfOf(get("/login").body());
        return postForm("/login", "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
                + encode(csrf));
    }

    /** The second step: a code (or recovery code) on the verification page. */
    public HttpResponse<String> code(String code) {
        String csrf = csrfOf(get("/mfa").body());
        return postForm("/mfa", "code=" + encode(code) + "&_csrf=" + encode(csrf));
    }

    /** A page load, as a browser asks for it (HTML first). */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,*/*;q=0.8")
                .GET().build());
    }

    /** A request as the Camunda webapps' JavaScript makes it, with their CSRF header. */
    public HttpResponse<String> camundaApi(String method, String path, String json) {
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse("");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("X-XSRF-TOKEN", token)
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** The CSRF token of a Pestle page's form. */
    public static String csrfOf(String page) {
        Matcher input = CSRF_INPUT.matcher(page);
        if (!input.find()) {
            throw new AssertionError("No CSRF token on the page");
        }
        Matcher value = VALUE.matcher(input.group());
        if (!value.find()) {
            throw new AssertionError("No CSRF token on the page");
        }
        return value.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
