package org.pestle.inventory;

import java.util.UUID;

/**
 * What a report names of an inventory item.
 *
 * @param itemId the item
 * @param ndc its NDC, 11 digits (5-4-2) without dashes
 * @param unit its unit: {@code g}, {@code mL} or {@code each}
 * @param deaSchedule DEA schedule 2 to 5, or 0
 */
public record ItemCode(UUID itemId, String ndc, String unit, int deaSchedule) {
}
