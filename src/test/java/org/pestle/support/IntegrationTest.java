package org.pestle.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test against the whole application on a real PostgreSQL ({@link TestDatabase}), served on a
 * random port, with the demo data loaded and the job executor running. All such tests share one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Every test signs in from this machine's address: the per-address sign-in limit is raised here
        // (identity/internal/SignInThrottleTests tries the limit itself). The tests text the same few demo
        // patients many times a day: the texting limits are raised here (messaging/internal/
        // TextingLimitsIntegrationTests runs an outbox with the shipped limits).
        properties = {"pestle.security.sign-in-attempts-per-address=1000", "pestle.messaging.limits.per-day=10000",
                "pestle.messaging.limits.per-week=10000"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public @interface IntegrationTest {
}
