package org.pestle.identity.internal.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Sign-in attempts are limited per source address, across accounts. */
class SignInThrottleTests {

    private final SignInThrottle throttle = new SignInThrottle(new SecuritySettings(5, Duration.ofMinutes(15), 3,
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(12), Duration.ofDays(90)));

    @Test
    void answers429OnceAnAddressHasUsedItsAttempts() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post("/login", "203.0.113.7").getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = post("/login", "203.0.113.7");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("300");
        assertThat(refused.getContentAsString()).contains("Too many sign-in attempts");
    }

    @Test
    void codesCountTowardsTheSameLimit() throws Exception {
        post("/login", "203.0.113.8");
        post("/mfa", "203.0.113.8");
        post("/mfa/enroll", "203.0.113.8");

        assertThat(post("/mfa", "203.0.113.8").getStatus()).isEqualTo(429);
    }

    @Test
    void otherAddressesAndOtherRequestsAreNotHeldUp() throws Exception {
        for (int i = 0; i < 4; i++) {
            post("/login", "203.0.113.9");
        }

        assertThat(post("/login", "203.0.113.10").getStatus()).isEqualTo(200);
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/login");
        page.setRemoteAddr("203.0.113.9");
        MockHttpServletResponse response = new MockHttpServletResponse();
        throttle.doFilter(page, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(post("/api/orders", "203.0.113.9").getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse post(String path, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        throttle.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
