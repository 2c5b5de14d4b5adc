package org.pestle.support;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Creates throw-away users for tests that change a user (lock, disable, enroll), leaving the demo users alone. */
@Component
public class TestUsers {

    private static final UUID PHARMACY = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID HARBOR = UUID.fromString("00000000-0000-4000-8000-000000000002");

    private final JdbcClient jdbc;

    TestUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A new clinic staff user at Northside whose password is {@link Demo#PASSWORD}.
     *
     * @param totpSecret their authenticator's secret, or null for a user who has not enrolled yet
     * @return the username
     */
    public String clinicStaff(String totpSecret) {
        return create("CLINIC_STAFF", HARBOR, Demo.NORTHSIDE, totpSecret);
    }

    /** A new pharmacist of the pharmacy whose password is {@link Demo#PASSWORD}. */
    public String pharmacist(String totpSecret) {
        return create("PHARMACIST", PHARMACY, null, totpSecret);
    }

    private String create(String role, UUID organizationId, UUID clinicId, String totpSecret) {
        String username = "test." + UUID.randomUUID().toString().substring(0, 8);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into app_user (id, username, first_name, last_name, email, password_hash, organization_id,
                                      totp_secret, totp_enrolled_at)
                select ?, ?, 'Test', 'User', ? || '@harbor.example', password_hash, ?, ?::text,
                       case when ?::text is null then null else now() end
                from app_user where username = 'pharmacist'""")
                .params(id, username, username, organizationId, totpSecret, totpSecret).update();
        jdbc.sql("insert into user_role (user_id, role) values (?, ?)").params(id, role).update();
        if (clinicId != null) {
            jdbc.sql("insert into user_clinic (user_id, clinic_id) values (?, ?)").params(id, clinicId).update();
        }
        return username;
    }
}
