package org.pestle.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The shipped configuration: the embedded default runs the Twilio stand-in with quiet hours from
 * 21:00 to 08:00; the postgres profile fails at startup without the Twilio account, naming it.
 */
class MessagingSettingsTests {

    @EnableConfigurationProperties(MessagingSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Settings.class);

    @Test
    void theEmbeddedDefaultTextsThroughTheInProcessStandInAndKeepsQuietAtNight() {
        context.run(started -> {
            MessagingSettings settings = started.getBean(MessagingSettings.class);
            assertThat(settings.twilio().standIn()).isTrue();
            assertThat(settings.quietHoursStart()).isEqualTo(LocalTime.of(21, 0));
            assertThat(settings.quietHoursEnd()).isEqualTo(LocalTime.of(8, 0));
        });
    }

    @Test
    void thePostgresProfileWithoutTheTwilioAccountRefusesToStart() {
        context.withPropertyValues("spring.profiles.active=postgres",
                "pestle.messaging.public-base-url=https://pharmacy.example", "pestle.messaging.number-hash-key=k")
                .run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("Texts cannot be sent: pestle.messaging.twilio.account-sid "
                                    + "(TWILIO_ACCOUNT_SID) is not set");
                });
    }

    @Test
    void thePostgresProfileWithTheTwilioAccountTextsThroughTwilioItself() {
        context.withPropertyValues("spring.profiles.active=postgres",
                "pestle.messaging.public-base-url=https://pharmacy.example", "pestle.messaging.number-hash-key=k",
                "pestle.messaging.twilio.account-sid=AC1", "pestle.messaging.twilio.auth-token=t",
                "pestle.messaging.twilio.from-number=+15005550006", "pestle.messaging.support-number=(555) 010-0199")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    MessagingSettings settings = started.getBean(MessagingSettings.class);
                    assertThat(settings.twilio().standIn()).isFalse();
                    assertThat(settings.twilio().apiBaseUrl()).isEmpty();
                });
    }
}
