package org.pestle.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the application at {@link TestDatabase} and its patient keys instead of the embedded default, and at {@link ProviderStandIns}. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase.Server server = TestDatabase.get();
        TestPropertyValues.of(
                "pestle.db.embedded=false",
                "pestle.db.url=" + server.url(),
                "pestle.db.owner-username=" + TestDatabase.OWNER.username(),
                "pestle.db.owner-password=" + TestDatabase.OWNER.password(),
                "pestle.db.app-username=" + TestDatabase.APP.username(),
                "pestle.db.app-password=" + TestDatabase.APP.password(),
                // The test database stops in a JVM shutdown hook that may beat the context's own close:
                // the engine's last metrics report then gives up after 2 s instead of 30.
                "pestle.db.connection-timeout=2s",
                "pestle.patients.keys.dir=" + TestDatabase.keysDirectory()).applyTo(context);
        // Stripe and Twilio are stood in by WireMock (ProviderStandIns), never the real services.
        TestPropertyValues.of(ProviderStandIns.properties()).applyTo(context);
    }
}
