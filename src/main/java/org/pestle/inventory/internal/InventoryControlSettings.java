package org.pestle.inventory.internal;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Inventory control ({@code pestle.inventory.*}).
 *
 * @param expiryWarnDays the daily expiry list shows lots expiring within this many days
 * @param expiryUrgentDays lots expiring within this many days are marked urgent (return or use first)
 * @param reconciliationMonths how often controlled stock is reconciled: the state's cadence (California
 *        16 CCR 1715.65: at least every 3 months, the default)
 * @param reconciledSchedules the DEA schedules reconciled and kept as a perpetual inventory (always 2;
 *        add 3 to 5 where the state wants it)
 * @param reorderUsageWeeks the weeks of ledger usage a suggested par level is computed from
 */
@ConfigurationProperties("pestle.inventory")
public record InventoryControlSettings(
        @DefaultValue("90") int expiryWarnDays,
        @DefaultValue("30") int expiryUrgentDays,
        @DefaultValue("3") int reconciliationMonths,
        @DefaultValue("2") Set<Integer> reconciledSchedules,
        @DefaultValue("8") int reorderUsageWeeks) {
}
