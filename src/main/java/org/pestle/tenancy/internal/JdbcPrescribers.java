package org.pestle.tenancy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import org.pestle.tenancy.Prescriber;
import org.pestle.tenancy.Prescribers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcPrescribers implements Prescribers {

    private static final String PRESCRIBER = """
            select p.id, p.user_id, p.username, p.organization_id, p.npi, p.dea_number from prescriber p""";

    private final JdbcClient jdbc;

    JdbcPrescribers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Prescriber> findByUserId(UUID userId) {
        return jdbc.sql(PRESCRIBER + " where p.user_id = ?").param(userId).query(JdbcPrescribers::prescriber)
                .optional();
    }

    @Override
    public Optional<Prescriber> find(UUID prescriberId) {
        return jdbc.sql(PRESCRIBER + " where p.id = ?").param(prescriberId).query(JdbcPrescribers::prescriber)
                .optional();
    }

    @Override
    @Transactional
    public Prescriber register(UUID userId, String username, UUID organizationId, String npi,
            Optional<String> deaNumber) {
        jdbc.sql("""
                insert into prescriber (id, user_id, username, organization_id, npi, dea_number)
                values (?, ?, ?, ?, ?, ?)
                on conflict (user_id) do update set npi = excluded.npi, dea_number = excluded.dea_number""")
                .params(UUID.randomUUID(), userId, username, organizationId, npi, deaNumber.orElse(null)).update();
        return findByUserId(userId).orElseThrow();
    }

    private static Prescriber prescriber(ResultSet rs, int row) throws SQLException {
        return new Prescriber(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("username"), rs.getObject("organization_id", UUID.class), rs.getString("npi"),
                Optional.ofNullable(rs.getString("dea_number")));
    }
}
