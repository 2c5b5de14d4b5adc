package org.pestle.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pestle.support.Demo;
import org.pestle.support.WebSession;

/** Console sessions for the rules console's tests: one place that signs a demo user in and reads form tokens. */
public final class ConsoleSignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private ConsoleSignIn() {
    }

    /** A browser-like session signed in as a demo user. */
    public static WebSession as(int port, String username) {
        WebSession session = new WebSession(port);
        session.login(username, Demo.PASSWORD);
        return session;
    }

    /** The CSRF token Thymeleaf puts into a console form, URL-encoded for a form post. */
    public static String csrfOf(String page) {
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("a CSRF token on the page").isTrue();
        return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    }
}
