package org.pestle.identity.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
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
class UserAccounts {

    private static final String SELECT = """
            select u.id, u.username, u.first_name, u.last_name, u.email, u.password_hash, u.organization_id, u.enabled,
                   array(select r.role from user_role r where r.user_id = u.id order by r.role) as roles,
                   array(select c.clinic_id from user_clinic c where c.user_id = u.id) as clinic_ids
            from app_user u""";

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql(SELECT + " where u.username = ?").param(username).query(UserAccounts::account).optional();
    }

    /** Enabled users, ordered by username. */
    List<UserAccount> enabled() {
        return jdbc.sql(SELECT + " where u.enabled order by u.username").query(UserAccounts::account).list();
    }

    @Transactional
    void updatePasswordHash(String username, String passwordHash) {
        jdbc.sql("update app_user set password_hash = ? where username = ?").params(passwordHash, username).update();
    }

    private static UserAccount account(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object role : elements(rs.getArray("roles"))) {
            roles.add(Role.valueOf((String) role));
        }
        Set<UUID> clinics = Arrays.stream(elements(rs.getArray("clinic_ids"))).map(UUID.class::cast)
                .collect(Collectors.toSet());
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("first_name"),
                rs.getString("last_name"), rs.getString("email"), rs.getString("password_hash"),
                rs.getObject("organization_id", UUID.class), rs.getBoolean("enabled"), roles, clinics);
    }

    private static Object[] elements(Array array) throws SQLException {
        return array == null ? new Object[0] : (Object[]) array.getArray();
    }
}
