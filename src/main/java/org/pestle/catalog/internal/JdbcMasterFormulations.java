package org.pestle.catalog.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.catalog.MasterFormulation;
import org.pestle.catalog.MasterFormulation.BudCategory;
import org.pestle.catalog.MasterFormulation.Ingredient;
import org.pestle.catalog.MasterFormulation.SterileCategory;
import org.pestle.catalog.MasterFormulation.Storage;
import org.pestle.catalog.MasterFormulations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcMasterFormulations implements MasterFormulations {

    private static final String FORMULATION = """
            select id, compound_id, version, instructions, container, storage, sterile_category, aqueous, preserved,
                   oral_liquid, created_by, created_at
            from master_formulation""";

    private final JdbcClient jdbc;

    JdbcMasterFormulations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<MasterFormulation> current(UUID compoundId) {
        return jdbc.sql(FORMULATION + " where compound_id = ? order by version desc limit 1").param(compoundId)
                .query(this::formulation).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<MasterFormulation> version(UUID compoundId, int version) {
        return jdbc.sql(FORMULATION + " where compound_id = ? and version = ?").params(compoundId, version)
                .query(this::formulation).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<MasterFormulation> versions(UUID compoundId) {
        return jdbc.sql(FORMULATION + " where compound_id = ? order by version").param(compoundId)
                .query(this::formulation).list();
    }

    @Override
    @Transactional
    public MasterFormulation addVersion(UUID compoundId, MasterFormulation draft, String createdBy) {
        if (draft.ingredients().isEmpty()) {
            throw new IllegalArgumentException("A master formulation has at least one ingredient");
        }
        // one new version of a compound at a time
        if (jdbc.sql("select id from compound where id = ? for update").param(compoundId).query(UUID.class).optional()
                .isEmpty()) {
            throw new IllegalArgumentException("No compound " + compoundId);
        }
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from master_formulation where compound_id = ?")
                .param(compoundId).query(Integer.class).single();
        UUID id = UUID.randomUUID();
        BudCategory bud = draft.budCategory();
        jdbc.sql("""
                insert into master_formulation (id, compound_id, version, instructions, container, storage,
                                                sterile_category, aqueous, preserved, oral_liquid, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, compoundId, version, draft.instructions(), draft.container(), draft.storage().name(),
                        bud.sterileCategory().name(), bud.aqueous(), bud.preserved(), bud.oralLiquid(), createdBy)
                .update();
        int position = 0;
        for (Ingredient ingredient : draft.ingredients()) {
            jdbc.sql("""
                    insert into master_formulation_ingredient (formulation_id, position, item_id, quantity_per_unit)
                    values (?, ?, ?, ?)""").params(id, position++, ingredient.itemId(), ingredient.quantityPerUnit())
                    .update();
        }
        return version(compoundId, version).orElseThrow();
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private MasterFormulation formulation(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<Ingredient> ingredients = jdbc.sql("""
                select item_id, quantity_per_unit from master_formulation_ingredient
                where formulation_id = ? order by position""").param(id)
                .query((r, n) -> new Ingredient(r.getObject("item_id", UUID.class),
                        plain(r.getBigDecimal("quantity_per_unit"))))
                .list();
        return new MasterFormulation(id, rs.getObject("compound_id", UUID.class), rs.getInt("version"), ingredients,
                rs.getString("instructions"), rs.getString("container"), Storage.valueOf(rs.getString("storage")),
                new BudCategory(SterileCategory.valueOf(rs.getString("sterile_category")), rs.getBoolean("aqueous"),
                        rs.getBoolean("preserved"), rs.getBoolean("oral_liquid")),
                rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
