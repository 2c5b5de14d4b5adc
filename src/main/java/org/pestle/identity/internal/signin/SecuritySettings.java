package org.pestle.identity.internal.signin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in and session rules ({@code pestle.security.*}).
 *
 * @param maxFailedAttempts failed passwords or codes in a row before the account locks
 * @param lockoutDuration how long a locked account stays locked
 * @param signInAttemptsPerAddress sign-in attempts one source address may make per window
 * @param signInWindow the window of that limit
 * @param idleTimeout a session ends after this long without a request
 * @param absoluteTimeout a session ends this long after sign-in, however active
 * @param apiTokenMaxLifetime the longest an API token may live
 */
@ConfigurationProperties("pestle.security")
public record SecuritySettings(
        @DefaultValue("5") int maxFailedAttempts,
        @DefaultValue("15m") Duration lockoutDuration,
        @DefaultValue("30") int signInAttemptsPerAddress,
        @DefaultValue("5m") Duration signInWindow,
        @DefaultValue("15m") Duration idleTimeout,
        @DefaultValue("12h") Duration absoluteTimeout,
        @DefaultValue("90d") Duration apiTokenMaxLifetime) {
}
