package org.pestle.identity.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.pestle.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Reads and updates Pestle's user store. */
@Repository
@Transactional
public class UserAccounts {

    private static final String SELECT = """
            select u.id, u.username, u.first_name, u.last_name, u.email, u.password_hash, u.organization_id, u.enabled,
                   u.locked_until, u.security_stamp, u.totp_enrolled_at is not null as mfa_enrolled,
                   array(select r.role from user_role r where r.user_id = u.id order by r.role) as roles,
                   array(select c.clinic_id from user_clinic c where c.user_id = u.id
                         union
                         select e.clinic_id from elevated_access e
                         where e.user_id = u.id and e.ended_at is null and e.expires_at > now()) as clinic_ids
            from app_user u""";

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql(SELECT + " where u.username = ?").param(username).query(UserAccounts::account).optional();
    }

    /** The one user of this name in any letter case (none if the name is ambiguous). */
    public Optional<UserAccount> findByUsernameIgnoringCase(String username) {
        List<UserAccount> found = jdbc.sql(SELECT + " where lower(u.username) = lower(?)").param(username)
                .query(UserAccounts::account).list();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    public Optional<UserAccount> findById(UUID id) {
        return jdbc.sql(SELECT + " where u.id = ?").param(id).query(UserAccounts::account).optional();
    }

    /** Enabled users, ordered by username. */
    public List<UserAccount> enabled() {
        return jdbc.sql(SELECT + " where u.enabled order by u.username").query(UserAccounts::account).list();
    }

    public void updatePasswordHash(String username, String passwordHash) {
        jdbc.sql("update app_user set password_hash = ? where username = ?").params(passwordHash, username).update();
    }

    /**
     * Counts a failed password or code; the attempt that reaches the limit locks the account until
     * {@code until}. Returns whether this attempt locked it.
     */
    public boolean recordFailure(String username, int maxAttempts, Instant until) {
        return jdbc.sql("""
                update app_user u set
                    locked_until = case when u.failed_attempts + 1 >= :max then :until else u.locked_until end,
                    failed_attempts = case when u.failed_attempts + 1 >= :max then 0 else u.failed_attempts + 1 end
                from app_user before
                where u.username = :username and before.id = u.id
                returning before.failed_attempts + 1 >= :max""")
                .param("max", maxAttempts).param("until", Timestamp.from(until)).param("username", username)
                .query(Boolean.class).optional().orElse(false);
    }

    public void recordSuccess(UUID userId) {
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = ?").param(userId).update();
    }

    /** The user's TOTP secret and the last step a code was accepted for. */
    public Optional<TotpState> totp(UUID userId) {
        return jdbc.sql("select totp_secret, totp_last_step from app_user where id = ? and totp_secret is not null")
                .param(userId)
                .query((rs, row) -> new TotpState(rs.getString(1), (Long) rs.getObject(2)))
                .optional();
    }

    /** Accepts a code's step once: false when that step (or a later one) was already used. */
    public boolean acceptStep(UUID userId, long step) {
        return jdbc.sql("""
                update app_user set totp_last_step = ?
                where id = ? and (totp_last_step is null or totp_last_step < ?)""")
                .params(step, userId, step).update() == 1;
    }

    public void enroll(UUID userId, String secret, long step, List<String> recoveryCodeHashes) {
        jdbc.sql("update app_user set totp_secret = ?, totp_enrolled_at = now(), totp_last_step = ? where id = ?")
                .params(secret, step, userId).update();
        jdbc.sql("delete from recovery_code where user_id = ?").param(userId).update();
        for (String hash : recoveryCodeHashes) {
            jdbc.sql("insert into recovery_code (user_id, code_hash) values (?, ?)").params(userId, hash).update();
        }
    }

    /** Uses a recovery code once. */
    public boolean useRecoveryCode(UUID userId, String codeHash) {
        return jdbc.sql("update recovery_code set used_at = now() where user_id = ? and code_hash = ? and used_at is null")
                .params(userId, codeHash).update() == 1;
    }

    /** Removes the user's authenticator and recovery codes: the next sign-in enrolls again. */
    public boolean resetMfa(UUID userId) {
        jdbc.sql("delete from recovery_code where user_id = ?").param(userId).update();
        return jdbc.sql("""
                update app_user set totp_secret = null, totp_enrolled_at = null, totp_last_step = null where id = ?""")
                .param(userId).update() == 1;
    }

    /** All users of the store, ordered by username. */
    public List<UserAccount> all() {
        return jdbc.sql(SELECT + " order by u.username").query(UserAccounts::account).list();
    }

    public void setEnabled(UUID userId, boolean enabled) {
        jdbc.sql("update app_user set enabled = ? where id = ?").params(enabled, userId).update();
    }

    public void unlock(UUID userId) {
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = ?").param(userId).update();
    }

    public void addRole(UUID userId, Role role) {
        jdbc.sql("insert into user_role (user_id, role) values (?, ?) on conflict do nothing").params(userId, role.name())
                .update();
    }

    public boolean removeRole(UUID userId, Role role) {
        return jdbc.sql("delete from user_role where user_id = ? and role = ?").params(userId, role.name()).update() == 1;
    }

    private static UserAccount account(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object role : elements(rs.getArray("roles"))) {
            roles.add(Role.valueOf((String) role));
        }
        Set<UUID> clinics = Arrays.stream(elements(rs.getArray("clinic_ids"))).map(UUID.class::cast)
                .collect(Collectors.toSet());
        Timestamp lockedUntil = rs.getTimestamp("locked_until");
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("first_name"),
                rs.getString("last_name"), rs.getString("email"), rs.getString("password_hash"),
                rs.getObject("organization_id", UUID.class), rs.getBoolean("enabled"), roles, clinics,
                lockedUntil == null ? null : lockedUntil.toInstant(), rs.getLong("security_stamp"),
                rs.getBoolean("mfa_enrolled"));
    }

    private static Object[] elements(Array array) throws SQLException {
        return array == null ? new Object[0] : (Object[]) array.getArray();
    }

    /** A user's authenticator secret and replay guard. */
    public record TotpState(String secret, Long lastStep) {
    }
}
