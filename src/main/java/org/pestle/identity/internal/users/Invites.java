package org.pestle.identity.internal.users;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.pestle.identity.Role;
import org.pestle.platform.Digests;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invites: a random 256-bit token in the link (only its SHA-256 hash is stored), valid for a
 * limited time and once. Accepting creates the user with the invited role and clinic; the first
 * sign-in then enrolls the authenticator before anything else.
 */
@Service
@Transactional
class Invites {

    static final Duration VALIDITY = Duration.ofHours(72);

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Invites(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Creates an invite; returns the token for the link (shown once). */
    String create(UUID organizationId, UUID clinicId, Role role, String email, String firstName, String lastName,
            String invitedBy) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("""
                insert into invite (id, token_hash, organization_id, clinic_id, role, email, first_name, last_name,
                                    invited_by, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), Digests.sha256Hex(token), organizationId, clinicId, role.name(), email,
                        firstName, lastName, invitedBy, Timestamp.from(clock.instant().plus(VALIDITY)))
                .update();
        return token;
    }

    /** The open invite of this token: unused and unexpired. */
    Optional<Invite> open(String token) {
        return jdbc.sql("""
                select id, organization_id, clinic_id, role, email, first_name, last_name from invite
                where token_hash = ? and used_at is null and expires_at > ?""")
                .params(Digests.sha256Hex(token), Timestamp.from(clock.instant()))
                .query((rs, row) -> new Invite(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                        rs.getObject("clinic_id", UUID.class), Role.valueOf(rs.getString("role")), rs.getString("email"),
                        rs.getString("first_name"), rs.getString("last_name")))
                .optional();
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("select count(*) from app_user where username = ?").param(username).query(Long.class)
                .single() > 0;
    }

    /** Uses the invite once: creates the user. Returns empty when the invite was used meanwhile. */
    Optional<UUID> accept(Invite invite, String username, String password) {
        UUID userId = UUID.randomUUID();
        int claimed = jdbc.sql("update invite set used_at = now(), used_by = null where id = ? and used_at is null")
                .param(invite.id()).update();
        if (claimed != 1) {
            return Optional.empty();
        }
        jdbc.sql("""
                insert into app_user (id, username, first_name, last_name, email, password_hash, organization_id)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(userId, username, invite.firstName(), invite.lastName(), invite.email(),
                        passwords.encode(password), invite.organizationId())
                .update();
        jdbc.sql("insert into user_role (user_id, role) values (?, ?)").params(userId, invite.role().name()).update();
        jdbc.sql("insert into user_clinic (user_id, clinic_id) values (?, ?)").params(userId, invite.clinicId())
                .update();
        jdbc.sql("update invite set used_by = ? where id = ?").params(userId, invite.id()).update();
        return Optional.of(userId);
    }

    /** An invite as the invitee's page needs it. */
    record Invite(UUID id, UUID organizationId, UUID clinicId, Role role, String email, String firstName,
            String lastName) {
    }
}
