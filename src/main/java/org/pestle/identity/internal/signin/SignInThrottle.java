package org.pestle.identity.internal.signin;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits sign-in attempts (passwords and codes) per source address (Bucket4j token buckets), on
 * top of the per-account lockout: a password-spraying client is slowed down across accounts.
 * The source address is the client's as the servlet container sees it (behind a trusted reverse
 * proxy, from X-Forwarded-For).
 */
class SignInThrottle extends OncePerRequestFilter {

    private final SecuritySettings settings;
    private final Cache<String, Bucket> buckets;

    SignInThrottle(SecuritySettings settings) {
        this.settings = settings;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(settings.signInWindow().multipliedBy(2))
                .maximumSize(100_000).build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/login/oauth2/code/")) {
            return false; // the single sign-on callback (a GET) is a sign-in attempt too
        }
        return !HttpMethod.POST.matches(request.getMethod())
                || !(path.equals("/login") || path.equals("/mfa") || path.equals("/mfa/enroll"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Bucket bucket = buckets.get(request.getRemoteAddr(), address -> newBucket());
        if (!bucket.tryConsume(1)) {
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(settings.signInWindow().toSeconds()));
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><title>Too many attempts</title></head>"
                    + "<body><h1>Too many sign-in attempts</h1><p>Too many sign-in attempts came from your address. "
                    + "Try again in a few minutes.</p></body></html>");
            return;
        }
        chain.doFilter(request, response);
    }

    private Bucket newBucket() {
        int attempts = settings.signInAttemptsPerAddress();
        Duration window = settings.signInWindow();
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(attempts, window).build())
                .build();
    }
}
