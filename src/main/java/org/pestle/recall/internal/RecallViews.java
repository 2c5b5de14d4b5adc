package org.pestle.recall.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.pestle.recall.ContactOutcome;
import org.pestle.recall.Recalls;
import org.pestle.recall.internal.RecallRecords.LotRow;
import org.pestle.recall.internal.RecallRecords.PatientRow;
import org.pestle.recall.internal.RecallRecords.RecallRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A recall as the API and the console show it, with its effectiveness report: patients concerned, reached, not
 * reached with reasons, still open; quantity on hand when quarantined and what became of it. In the caller's scope: a
 * clinic user sees only their clinics' patients and none of the pharmacy's lots.
 */
@Service
class RecallViews implements Recalls {

    private final RecallRecords records;

    RecallViews(RecallRecords records) {
        this.records = records;
    }

    record RecallView(UUID id, String recallNumber, String classification, String fdaStatus, String recallingFirm,
            String productDescription, String codeInfo, String status, String contactDue, Boolean callAsWell,
            Boolean prescriberFirst, String confirmedBy, Instant confirmedAt, Instant closedAt, List<LotRow> lots,
            List<PatientRow> patients, Report report) {
    }

    /**
     * The effectiveness report (21 CFR 7.42 asks for effectiveness checks): how many patients, how many reached, who
     * was not and why, and the stock.
     */
    record Report(int patients, int reached, int notReached, int open, Map<String, Integer> notReachedByReason,
            int textsQueued, int textsNotSentNoConsent, int prescribersNotified, int escalated, int lots,
            BigDecimal quantityOnHandAtQuarantine, BigDecimal quantityReturned, BigDecimal quantityDestroyed,
            boolean stockSettled) {
    }

    @Transactional(readOnly = true)
    java.util.Optional<RecallView> view(UUID id) {
        return records.find(id).map(this::view);
    }

    @Transactional(readOnly = true)
    List<RecallView> all() {
        return records.all().stream().map(this::view).toList();
    }

    RecallView view(RecallRow r) {
        List<LotRow> lots = records.lots(r.id());
        List<PatientRow> patients = records.patients(r.id());
        return new RecallView(r.id(), r.recallNumber(), r.classification(), r.fdaStatus(), r.recallingFirm(),
                r.productDescription(), r.codeInfo(), r.status(), r.contactDue(), r.callAsWell(), r.prescriberFirst(),
                r.confirmedBy(), r.confirmedAt(), r.closedAt(), lots, patients, report(lots, patients));
    }

    static Report report(List<LotRow> lots, List<PatientRow> patients) {
        int reached = 0;
        int notReached = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        for (PatientRow p : patients) {
            if (p.outcome() == null) {
                continue;
            }
            if (p.outcome().reached()) {
                reached++;
            } else {
                notReached++;
                reasons.merge(p.outcome().name(), 1, Integer::sum);
            }
        }
        List<LotRow> included = lots.stream().filter(LotRow::included).toList();
        BigDecimal onHand = sum(included.stream().map(LotRow::onHandAtQuarantine).toList());
        BigDecimal returned = sum(included.stream().filter(l -> "RETURN_TO_SUPPLIER".equals(l.removal()))
                .map(LotRow::removedQuantity).toList());
        BigDecimal destroyed = sum(included.stream().filter(l -> "DESTROY".equals(l.removal()))
                .map(LotRow::removedQuantity).toList());
        boolean settled = onHand.signum() == 0 || included.stream().allMatch(l -> l.removal() != null
                || l.onHandAtQuarantine() == null || l.onHandAtQuarantine().signum() == 0);
        return new Report(patients.size(), reached, notReached, patients.size() - reached - notReached, reasons,
                (int) patients.stream().filter(p -> "QUEUED".equals(p.textStatus())).count(),
                (int) patients.stream().filter(p -> "NO_CONSENT".equals(p.textStatus())).count(),
                (int) patients.stream().filter(p -> p.prescriberNotifiedAt() != null).count(),
                (int) patients.stream().filter(p -> p.escalatedAt() != null).count(), included.size(), onHand,
                returned, destroyed, settled);
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        BigDecimal total = values.stream().filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add)
                .stripTrailingZeros();
        return total.scale() < 0 ? total.setScale(0) : total;
    }

    @Override
    @Transactional(readOnly = true)
    public List<PatientRecall> ofPatient(UUID patientId) {
        return records.ofPatient(patientId).stream()
                .map(p -> records.find(p.recallId()).map(r -> new PatientRecall(r.id(), r.recallNumber(),
                        r.classification(), r.status(), p.orderIds(), p.outcome())).orElse(null))
                .filter(p -> p != null)
                .sorted((a, b) -> b.recallNumber().compareTo(a.recallNumber())).toList();
    }

    /** The report as CSV rows: one per patient (identifiers and codes only), then the totals. */
    static List<List<String>> csvRows(RecallView view) {
        List<List<String>> rows = new java.util.ArrayList<>();
        rows.add(List.of("recall_number", "patient_id", "clinic_id", "dispenses", "text", "prescriber_notified",
                "escalated", "outcome", "reached", "resolved_at"));
        for (PatientRow p : view.patients()) {
            ContactOutcome outcome = p.outcome();
            rows.add(List.of(view.recallNumber(), p.patientId().toString(), p.clinicId().toString(),
                    String.valueOf(p.dispenseIds().size()), p.textStatus() == null ? "" : p.textStatus(),
                    String.valueOf(p.prescriberNotifiedAt() != null), String.valueOf(p.escalatedAt() != null),
                    outcome == null ? "OPEN" : outcome.name(), outcome == null ? "" : String.valueOf(outcome.reached()),
                    p.resolvedAt() == null ? "" : p.resolvedAt().toString()));
        }
        Report r = view.report();
        rows.add(List.of(view.recallNumber(), "TOTAL", "", "", "texts queued " + r.textsQueued(),
                "prescribers notified " + r.prescribersNotified(), "escalated " + r.escalated(),
                "patients " + r.patients() + ", reached " + r.reached() + ", not reached " + r.notReached() + ", open "
                        + r.open(),
                "on hand " + r.quantityOnHandAtQuarantine().toPlainString() + ", returned "
                        + r.quantityReturned().toPlainString() + ", destroyed " + r.quantityDestroyed().toPlainString(),
                view.status()));
        return rows;
    }
}
