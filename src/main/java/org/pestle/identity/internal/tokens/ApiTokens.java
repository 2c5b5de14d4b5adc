package org.pestle.identity.internal.tokens;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.identity.internal.signin.SecuritySettings;
import org.pestle.platform.Digests;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens for /api and /engine-rest. A user creates one after signing in with both
 * factors, so the API never takes a bare password. Only a SHA-256 hash of the token is stored;
 * the token itself is shown once.
 */
@Service
@Transactional
public class ApiTokens {

    static final String PREFIX = "pat_";

    private final JdbcClient jdbc;
    private final SecuritySettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, SecuritySettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Creates a token; returns the token itself, which is never shown again. */
    String create(UUID userId, String name, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(settings.apiTokenMaxLifetime()) > 0) {
            throw new IllegalArgumentException("A token lives between one day and " + settings.apiTokenMaxLifetime()
                    .toDays() + " days");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("insert into api_token (id, user_id, name, token_hash, expires_at) values (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), userId, name.strip(), Digests.sha256Hex(token),
                        Timestamp.from(clock.instant().plus(lifetime)))
                .update();
        return token;
    }

    /** The user a valid, unexpired, unrevoked token belongs to. */
    Optional<UUID> userOf(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Timestamp now = Timestamp.from(clock.instant());
        Optional<UUID> user = jdbc.sql("""
                select user_id from api_token
                where token_hash = ? and revoked_at is null and expires_at > ?""")
                .params(Digests.sha256Hex(token), now).query(UUID.class).optional();
        user.ifPresent(id -> jdbc.sql("""
                update api_token set last_used_at = ?
                where token_hash = ? and (last_used_at is null or last_used_at < ?)""")
                .params(now, Digests.sha256Hex(token), Timestamp.from(clock.instant().minusSeconds(60))).update());
        return user;
    }

    List<TokenInfo> of(UUID userId) {
        return jdbc.sql("""
                select id, name, created_at, expires_at, last_used_at, revoked_at from api_token
                where user_id = ? order by created_at desc""")
                .param(userId)
                .query((rs, row) -> new TokenInfo(rs.getObject("id", UUID.class), rs.getString("name"),
                        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("expires_at")),
                        instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at"))))
                .list();
    }

    boolean revoke(UUID userId, UUID tokenId) {
        return jdbc.sql("update api_token set revoked_at = now() where id = ? and user_id = ? and revoked_at is null")
                .params(tokenId, userId).update() == 1;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A token as its owner sees it (never the token itself). */
    record TokenInfo(UUID id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
            Instant revokedAt) {
    }
}
