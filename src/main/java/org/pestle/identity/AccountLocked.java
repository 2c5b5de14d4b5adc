package org.pestle.identity;

import java.time.Instant;

/**
 * Too many wrong passwords or codes in a row: the account is locked until the given time.
 *
 * @param username the user
 * @param lockedUntil when the lock ends by itself
 * @param after what the last wrong attempt was: PASSWORD or MFA_CODE
 * @param sourceAddress the address the last wrong attempt came from, if known
 */
public record AccountLocked(String username, Instant lockedUntil, String after, String sourceAddress) {
}
