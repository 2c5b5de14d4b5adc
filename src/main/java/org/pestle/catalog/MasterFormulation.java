package org.pestle.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One version of a compound's master formulation record (USP <795>): what goes in, how it is made,
 * what it is packed in and how it is kept. A version never changes; a compounding record names the
 * version it followed.
 *
 * @param id this version's id
 * @param compoundId the compound
 * @param version 1, 2, ... per compound
 * @param ingredients every component and its quantity per unit of the compound made
 * @param instructions how to make it
 * @param container what it is dispensed in
 * @param storage how it is kept (an input of the beyond-use date)
 * @param budCategory what the beyond-use date depends on
 * @param createdBy who wrote this version
 * @param createdAt when
 */
public record MasterFormulation(UUID id, UUID compoundId, int version, List<Ingredient> ingredients,
        String instructions, String container, Storage storage, BudCategory budCategory, String createdBy,
        Instant createdAt) {

    public MasterFormulation {
        ingredients = List.copyOf(ingredients);
    }

    /**
     * What goes into a preparation of this many units of the compound: each ingredient's quantity per
     * unit times the units, in the item's unit (what to ask {@code Stock.propose} for).
     */
    public List<Ingredient> ingredientsFor(BigDecimal units) {
        if (units == null || units.signum() <= 0) {
            throw new IllegalArgumentException("A preparation is of a positive number of units");
        }
        return ingredients.stream()
                .map(i -> new Ingredient(i.itemId(), plain(i.quantityPerUnit().multiply(units))))
                .toList();
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /**
     * A component of the formula.
     *
     * @param itemId the inventory item
     * @param quantityPerUnit how much of the item (in the item's unit) goes into one unit of the compound
     *        (one g, one mL, one capsule)
     */
    public record Ingredient(UUID itemId, BigDecimal quantityPerUnit) {
    }

    /** Storage of the preparation. */
    public enum Storage {
        ROOM_TEMPERATURE, REFRIGERATED, FROZEN
    }

    /** Non-sterile (USP <795>) or a sterile category of USP <797>. */
    public enum SterileCategory {
        NONSTERILE, CATEGORY_1, CATEGORY_2, CATEGORY_3
    }

    /**
     * The properties of the preparation its default beyond-use date follows from.
     *
     * @param sterileCategory non-sterile or a <797> category
     * @param aqueous water activity of 0.60 or more
     * @param preserved contains an antimicrobial preservative
     * @param oralLiquid a liquid taken by mouth
     */
    public record BudCategory(SterileCategory sterileCategory, boolean aqueous, boolean preserved,
            boolean oralLiquid) {
    }
}
