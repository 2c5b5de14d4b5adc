package org.pestle.identity.internal.breakglass;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.identity.ElevatedAccess;
import org.pestle.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Break-glass grants (elevated_access). */
@Repository
@Transactional
class ElevatedAccessGrants implements ElevatedAccess {

    private final JdbcClient jdbc;

    ElevatedAccessGrants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID grant(UUID userId, UUID clinicId, String reason, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into elevated_access (id, user_id, clinic_id, reason, expires_at) values (?, ?, ?, ?, ?)")
                .params(id, userId, clinicId, reason, Timestamp.from(expiresAt)).update();
        return id;
    }

    /** Ends the grant now (if it is still in force); returns whether it was. */
    boolean end(UUID grantId) {
        return jdbc.sql("update elevated_access set ended_at = now() where id = ? and ended_at is null")
                .param(grantId).update() == 1;
    }

    @Override
    public Optional<ElevatedAccess.Grant> grantInForce(String username, UUID clinicId) {
        String[] pharmacySide = java.util.Arrays.stream(Role.values()).filter(Role::pharmacySide).map(Role::name)
                .toArray(String[]::new);
        return jdbc.sql("""
                select g.id, g.reason from elevated_access g join app_user u on u.id = g.user_id
                where u.username = ? and g.clinic_id = ? and g.ended_at is null and g.expires_at > now()
                  and not exists (select 1 from user_clinic c where c.user_id = u.id and c.clinic_id = g.clinic_id)
                  and not exists (select 1 from user_role r where r.user_id = u.id and r.role = any(?))
                order by g.granted_at desc limit 1""")
                .params(username, clinicId, pharmacySide)
                .query((rs, row) -> new ElevatedAccess.Grant(rs.getObject(1, UUID.class), rs.getString(2)))
                .optional();
    }

    Optional<Grant> find(UUID grantId) {
        return jdbc.sql("""
                select g.id, u.username, g.clinic_id, g.granted_at, g.expires_at, g.ended_at, g.review_outcome
                from elevated_access g join app_user u on u.id = g.user_id where g.id = ?""")
                .param(grantId).query(ElevatedAccessGrants::grant).optional();
    }

    List<Grant> of(UUID userId) {
        return jdbc.sql("""
                select g.id, u.username, g.clinic_id, g.granted_at, g.expires_at, g.ended_at, g.review_outcome
                from elevated_access g join app_user u on u.id = g.user_id where g.user_id = ?
                order by g.granted_at desc""")
                .param(userId).query(ElevatedAccessGrants::grant).list();
    }

    void review(UUID grantId, String outcome, String reviewer) {
        jdbc.sql("update elevated_access set review_outcome = ?, reviewed_by = ?, reviewed_at = now() where id = ?")
                .params(outcome, reviewer, grantId).update();
    }

    private static Grant grant(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new Grant(rs.getObject("id", UUID.class), rs.getString("username"), rs.getObject("clinic_id", UUID.class),
                rs.getTimestamp("granted_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                ended == null ? null : ended.toInstant(), rs.getString("review_outcome"));
    }

    /** A grant as its user and the privacy officer see it (the reason stays in the table and the audit trail). */
    record Grant(UUID id, String username, UUID clinicId, Instant grantedAt, Instant expiresAt, Instant endedAt,
            String reviewOutcome) {
    }
}
