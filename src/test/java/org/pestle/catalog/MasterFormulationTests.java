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

/** The quantities a preparation takes from its formula. */
class MasterFormulationTests {

    static final UUID NALTREXONE = UUID.randomUUID();
    static final UUID CELLULOSE = UUID.randomUUID();
    static final UUID CAPSULES = UUID.randomUUID();

    final MasterFormulation capsules = new MasterFormulation(UUID.randomUUID(), UUID.randomUUID(), 1,
            List.of(new Ingredient(NALTREXONE, new BigDecimal("0.0045")), new Ingredient(CELLULOSE,
                    new BigDecimal("0.1955")), new Ingredient(CAPSULES, BigDecimal.ONE)),
            "Fill.", "Vial", Storage.ROOM_TEMPERATURE, new BudCategory(SterileCategory.NONSTERILE, false, false, false),
            "pharmacist", null);

    @Test
    void thirtyCapsulesTakeThirtyTimesEachIngredient() {
        assertThat(capsules.ingredientsFor(new BigDecimal("30"))).extracting(i -> i.quantityPerUnit().toPlainString())
                .containsExactly("0.135", "5.865", "30");
        assertThat(capsules.ingredientsFor(new BigDecimal("30"))).extracting(Ingredient::itemId)
                .containsExactly(NALTREXONE, CELLULOSE, CAPSULES);
    }

    @Test
    void aPreparationIsOfAPositiveNumberOfUnits() {
        assertThatThrownBy(() -> capsules.ingredientsFor(BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
