package org.pestle.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pestle.catalog.MasterFormulation.BudCategory;
import org.pestle.catalog.MasterFormulation.Ingredient;
import org.pestle.catalog.MasterFormulation.SterileCategory;
import org.pestle.catalog.MasterFormulation.Storage;
import org.pestle.inventory.Stock;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Master formulation records: every demo compound has one, its ingredients are in stock, versions never change. */
@IntegrationTest
class MasterFormulationsIntegrationTests {

    static final List<UUID> DEMO_COMPOUNDS = List.of(Demo.TRETINOIN, Demo.ESTRADIOL, Demo.NALTREXONE,
            Demo.TESTOSTERONE, Demo.MOUTHWASH, Demo.OXYCODONE, Demo.MAGNESIUM);

    @Autowired
    MasterFormulations formulations;

    @Autowired
    Catalog catalog;

    @Autowired
    Stock stock;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyDemoCompoundHasAFormulaWhoseIngredientsAreInStock() {
        assertThat(catalog.active()).extracting(Compound::id).containsExactlyInAnyOrderElementsOf(DEMO_COMPOUNDS);
        for (UUID compound : DEMO_COMPOUNDS) {
            MasterFormulation formula = formulations.current(compound).orElseThrow();
            assertThat(formula.version()).isEqualTo(1);
            assertThat(formula.ingredients()).isNotEmpty();
            for (Ingredient ingredient : formula.ingredients()) {
                // enough usable stock, first expiry first out, for 30 units of the compound
                assertThat(transactions.asSystem(() -> stock.propose(ingredient.itemId(),
                        ingredient.quantityPerUnit().multiply(BigDecimal.valueOf(30))))).as(compound + " "
                        + ingredient.itemId()).isNotEmpty();
            }
        }
        MasterFormulation naltrexone = formulations.current(Demo.NALTREXONE).orElseThrow();
        assertThat(naltrexone.budCategory()).isEqualTo(new BudCategory(SterileCategory.NONSTERILE, false, false,
                false));
        assertThat(naltrexone.ingredients().get(0).quantityPerUnit()).isEqualByComparingTo("0.0045");
    }

    @Test
    void aNewVersionIsInForceAndTheOldOneStaysAsItWas() {
        UUID compound = UUID.randomUUID();
        transactions.asSystem(() -> jdbc.sql("""
                insert into compound (id, code, name, dosage_form, unit, price_cents, active)
                values (?, ?, 'Test ointment', 'ointment', 'g', 100, false)""")
                .params(compound, "TEST-" + compound).update());
        UUID base = formulations.current(Demo.TRETINOIN).orElseThrow().ingredients().get(2).itemId();
        MasterFormulation first = formulations.addVersion(compound, draft(base, "1", "Mix."), "pharmacist");
        MasterFormulation second = formulations.addVersion(compound, draft(base, "0.98", "Mix well."), "pharmacist2");

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(formulations.current(compound)).contains(second);
        assertThat(formulations.version(compound, 1)).contains(first);
        assertThat(formulations.version(compound, 1).orElseThrow().ingredients().get(0).quantityPerUnit())
                .isEqualByComparingTo("1");
        assertThat(formulations.versions(compound)).extracting(MasterFormulation::createdBy)
                .containsExactly("pharmacist", "pharmacist2");
        assertThatThrownBy(() -> transactions.asSystem(() -> jdbc.sql(
                "update master_formulation set instructions = 'Changed' where id = ?").param(first.id()).update()))
                .rootCause().hasMessageContaining("never changed");
        assertThatThrownBy(() -> transactions.asSystem(() -> jdbc.sql(
                "delete from master_formulation_ingredient where formulation_id = ?").param(first.id()).update()))
                .rootCause().hasMessageContaining("never changed");
    }

    private static MasterFormulation draft(UUID item, String quantity, String instructions) {
        return new MasterFormulation(null, null, 0, List.of(new Ingredient(item, new BigDecimal(quantity))),
                instructions, "Jar, 30 g", Storage.ROOM_TEMPERATURE,
                new BudCategory(SterileCategory.NONSTERILE, false, false, false), null, null);
    }
}
