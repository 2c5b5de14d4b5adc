package org.pestle.catalog.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.pestle.catalog.BeyondUseDate;
import org.pestle.catalog.BeyondUseDates;
import org.pestle.catalog.MasterFormulation;
import org.pestle.catalog.MasterFormulation.BudCategory;
import org.pestle.catalog.MasterFormulations;
import org.pestle.inventory.Stock;
import org.pestle.inventory.StockLot;
import org.pestle.rules.DecisionTables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Beyond-use dates from decisions/beyond-use-date.dmn, capped by the earliest ingredient lot expiry. */
@Service
class DmnBeyondUseDates implements BeyondUseDates {

    static final String DECISION = "Decision_BeyondUseDate";

    private final DecisionTables decisions;
    private final MasterFormulations formulations;
    private final Stock stock;
    private final ZoneId zone;

    DmnBeyondUseDates(DecisionTables decisions, MasterFormulations formulations, Stock stock,
            @Value("${pestle.time-zone:America/New_York}") ZoneId zone) {
        this.decisions = decisions;
        this.formulations = formulations;
        this.stock = stock;
        this.zone = zone;
    }

    @Override
    public BeyondUseDate forPreparation(UUID compoundId, int formulationVersion, Instant madeAt,
            Collection<UUID> ingredientLotIds) {
        MasterFormulation formulation = formulations.version(compoundId, formulationVersion)
                .orElseThrow(() -> new IllegalArgumentException("No master formulation version " + formulationVersion
                        + " of compound " + compoundId));
        if (ingredientLotIds.isEmpty()) {
            throw new IllegalArgumentException("A preparation is made from at least one ingredient lot");
        }
        List<StockLot> lots = stock.lots(ingredientLotIds);
        if (lots.size() != Set.copyOf(ingredientLotIds).size()) {
            throw new IllegalArgumentException("An ingredient lot is not in stock records");
        }
        BudCategory bud = formulation.budCategory();
        DmnDecisionResultEntries result = decisions.evaluateSingle(DECISION, Map.of(
                "sterileCategory", bud.sterileCategory().name(), "aqueous", bud.aqueous(),
                "preserved", bud.preserved(), "oralLiquid", bud.oralLiquid(),
                "storage", formulation.storage().name()));
        // an empty output cell leaves its entry out of the result
        Map<String, Object> entries = result.getEntryMap();
        String rule = (String) entries.get("rule");
        Number days = (Number) entries.get("days");
        Number hours = (Number) entries.get("hours");
        if (days == null && hours == null) {
            throw new NoDefaultBeyondUseDate(rule);
        }
        Instant until;
        LocalDate date;
        if (hours != null) {
            until = madeAt.plusSeconds(hours.longValue() * 3600);
            date = until.atZone(zone).toLocalDate();
        } else {
            date = madeAt.atZone(zone).toLocalDate().plusDays(days.longValue());
            until = date.plusDays(1).atStartOfDay(zone).toInstant();
        }
        StockLot earliest = lots.stream().min(Comparator.comparing(StockLot::expiresOn)).orElseThrow();
        Instant lotLimit = earliest.expiresOn().plusDays(1).atStartOfDay(zone).toInstant();
        if (lotLimit.isBefore(until)) {
            return new BeyondUseDate(earliest.expiresOn(), lotLimit, rule, earliest.id());
        }
        return new BeyondUseDate(date, until, rule, null);
    }
}
