package org.pestle.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pestle.support.MutableClock;
import org.pestle.support.WebSession;

/** Console sessions for the rules console's tests: one place that signs a demo user in and reads form tokens. */
public final class ConsoleSignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private ConsoleSignIn() {
    }

    /** A browser-like session signed in as a demo user, with both factors. */
    public static WebSession as(int port, MutableClock clock, String username) {
        WebSession session = new WebSession(port, clock);
        session.signIn(username);
        return session;
    }

    /** The CSRF token Thymeleaf puts into a console form, URL-encoded for a form post. */
    public static String csrfOf(String page) {
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("a CSRF token on the page").isTrue();
        return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    }
}
