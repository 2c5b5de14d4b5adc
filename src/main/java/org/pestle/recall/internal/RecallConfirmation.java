package org.pestle.recall.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.Permissions;
import org.pestle.inventory.Stock;
import org.pestle.inventory.StockLot;
import org.pestle.platform.ApiProblem;
import org.pestle.recall.RecallConfirmed;
import org.pestle.recall.internal.RecallMatching.MatchedLot;
import org.pestle.recall.internal.openfda.EnforcementRecordParser;
import org.pestle.recall.internal.openfda.EnforcementRecordParser.UnreadableRecord;
import org.pestle.recall.internal.openfda.ParsedRecall;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Preview and confirmation of a recall. The preview changes nothing. The confirmation parses and matches the record
 * again on the server (a client's matches are never trusted), applies the pharmacist's lots added or removed by hand
 * (each with a reason), saves the recall and starts {@code processes/recall.bpmn} in one transaction. A recall number
 * already confirmed answers the recall there is, so a retried confirmation starts nothing twice.
 */
@Service
class RecallConfirmation {

    static final String PROCESS = "Process_Recall";

    private final EnforcementRecordParser parser = new EnforcementRecordParser();
    private final RecallMatching matching;
    private final RecallRecords records;
    private final Stock stock;
    private final Permissions permissions;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher events;

    RecallConfirmation(RecallMatching matching, RecallRecords records, Stock stock, Permissions permissions,
            RuntimeService runtime, ApplicationEventPublisher events) {
        this.matching = matching;
        this.records = records;
        this.stock = stock;
        this.permissions = permissions;
        this.runtime = runtime;
        this.events = events;
    }

    /** What the record says and what it matches; nothing is written. */
    record Preview(ParsedRecall parsed, List<MatchedLot> matches, UUID confirmedRecallId) {
    }

    /** A lot added or removed by hand. */
    record HandLot(UUID lotId, String reason) {
    }

    @Transactional(readOnly = true)
    Preview preview(Actor actor, JsonNode record) {
        permissions.require(actor, Action.MANAGE_RECALLS);
        ParsedRecall parsed = parse(record);
        return new Preview(parsed, matching.match(parsed),
                records.byKey(parsed.recallKey()).map(RecallRecords.RecallRow::id).orElse(null));
    }

    /** The recall confirmed, and whether this call confirmed it (false: it had been before). */
    record Confirmed(UUID recallId, boolean created) {
    }

    @Transactional
    Confirmed confirm(Actor actor, JsonNode record, List<HandLot> removeLots, List<HandLot> addLots) {
        permissions.require(actor, Action.MANAGE_RECALLS);
        ParsedRecall parsed = parse(record);
        Optional<RecallRecords.RecallRow> known = records.byKey(parsed.recallKey());
        if (known.isPresent()) {
            return new Confirmed(known.get().id(), false);
        }
        Map<UUID, MatchedLot> matched = new LinkedHashMap<>();
        matching.match(parsed).forEach(m -> matched.put(m.lotId(), m));
        Map<UUID, String> removed = new LinkedHashMap<>();
        for (int i = 0; i < removeLots.size(); i++) {
            HandLot hand = removeLots.get(i);
            if (!matched.containsKey(hand.lotId())) {
                throw ApiProblem.invalidField("removeLots[" + i + "].lotId", "is not among the lots the record matches");
            }
            removed.put(hand.lotId(), hand.reason().strip());
        }
        Map<UUID, String> added = new LinkedHashMap<>();
        Set<UUID> addIds = new HashSet<>();
        addLots.forEach(a -> addIds.add(a.lotId()));
        Map<UUID, StockLot> addable = new LinkedHashMap<>();
        stock.lots(addIds).forEach(l -> addable.put(l.id(), l));
        for (int i = 0; i < addLots.size(); i++) {
            HandLot hand = addLots.get(i);
            if (!addable.containsKey(hand.lotId())) {
                throw ApiProblem.invalidField("addLots[" + i + "].lotId", "is not a lot in stock");
            }
            if (matched.containsKey(hand.lotId())) {
                throw ApiProblem.invalidField("addLots[" + i + "].lotId", "is matched already");
            }
            added.put(hand.lotId(), hand.reason().strip());
        }
        UUID id = UUID.randomUUID();
        records.insert(id, parsed.recallNumber(), parsed.recallKey(), parsed.classification(), parsed.status(),
                limit(parsed.recallingFirm(), 300), limit(parsed.productDescription(), 4000),
                limit(parsed.codeInfo(), 20000), record.toString(), actor.username());
        List<UUID> included = new ArrayList<>();
        for (MatchedLot lot : matched.values()) {
            boolean out = removed.containsKey(lot.lotId());
            records.insertLot(id, lot.lotId(), lot.itemId(), lot.lotNumber(), !out, out, removed.get(lot.lotId()));
            if (!out) {
                included.add(lot.lotId());
            }
        }
        for (Map.Entry<UUID, String> hand : added.entrySet()) {
            StockLot lot = addable.get(hand.getKey());
            records.insertLot(id, lot.id(), lot.itemId(), lot.lotNumber(), true, true, hand.getValue());
            included.add(lot.id());
        }
        events.publishEvent(new RecallConfirmed(id, parsed.recallNumber(), parsed.classification(), included.size(),
                removed.size() + added.size(), actor.username()));
        String processId = runtime.startProcessInstanceByKey(PROCESS, parsed.recallKey(),
                Map.of(RecallVariables.RECALL_ID, id.toString(), RecallVariables.CLASSIFICATION,
                        parsed.classification() == null ? "" : parsed.classification()))
                .getId();
        records.processStarted(id, processId);
        return new Confirmed(id, true);
    }

    private ParsedRecall parse(JsonNode record) {
        try {
            return parser.parse(record);
        } catch (UnreadableRecord e) {
            throw ApiProblem.invalidField("record." + e.field(), e.getMessage());
        }
    }

    private static String limit(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
