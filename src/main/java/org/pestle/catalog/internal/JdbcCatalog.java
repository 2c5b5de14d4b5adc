package org.pestle.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.catalog.Catalog;
import org.pestle.catalog.Compound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCatalog implements Catalog {

    private static final String COMPOUND = """
            select id, code, name, dosage_form, unit, controlled_schedule, price_cents, active from compound""";

    private final JdbcClient jdbc;

    JdbcCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Compound> find(UUID compoundId) {
        return jdbc.sql(COMPOUND + " where id = ?").param(compoundId).query(JdbcCatalog::compound).optional();
    }

    @Override
    public boolean isApprovedForClinic(UUID compoundId, UUID clinicId) {
        return jdbc.sql("select count(*) from clinic_compound_approval where compound_id = ? and clinic_id = ?")
                .params(compoundId, clinicId).query(Integer.class).single() > 0;
    }

    @Override
    public boolean isMaintenance(UUID compoundId) {
        return jdbc.sql("select maintenance from compound where id = ?").param(compoundId).query(Boolean.class)
                .optional().orElse(false);
    }

    @Override
    public List<Compound> active() {
        return jdbc.sql(COMPOUND + " where active order by name").query(JdbcCatalog::compound).list();
    }

    private static Compound compound(ResultSet rs, int row) throws SQLException {
        return new Compound(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
                rs.getString("dosage_form"), rs.getString("unit"), rs.getInt("controlled_schedule"),
                rs.getInt("price_cents"), rs.getBoolean("active"));
    }
}
