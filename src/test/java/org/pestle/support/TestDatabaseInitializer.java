package org.pestle.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the application at {@link TestDatabase} and its patient keys instead of the embedded default. */
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
                "pestle.patients.keys.dir=" + TestDatabase.keysDirectory()).applyTo(context);
    }
}
