package org.pestle.catalog;

import java.util.UUID;

/**
 * A compound the pharmacy makes.
 *
 * @param id compound id
 * @param code stable catalog code, e.g. {@code NALTREXONE-LD-4.5}
 * @param name display name with strength
 * @param dosageForm cream, capsule, suspension, ...
 * @param unit unit of quantity (g, mL, each)
 * @param controlledSchedule DEA schedule 2 to 5, or 0 when not controlled
 * @param priceCents price per unit of quantity, in cents
 * @param active whether it can be ordered
 */
public record Compound(UUID id, String code, String name, String dosageForm, String unit, int controlledSchedule,
        int priceCents, boolean active) {

    public boolean controlled() {
        return controlledSchedule != 0;
    }
}
