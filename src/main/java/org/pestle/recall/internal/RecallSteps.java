package org.pestle.recall.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.Dispenses;
import org.pestle.inventory.Stock;
import org.pestle.messaging.OutboundText;
import org.pestle.messaging.TextMessages;
import org.pestle.ordering.OrderView;
import org.pestle.ordering.Orders;
import org.pestle.platform.DataScope;
import org.pestle.recall.RecallClosed;
import org.pestle.recall.RecallPatientNotified;
import org.pestle.recall.RecallPrescriberNotified;
import org.pestle.recall.internal.RecallRecords.LotRow;
import org.pestle.recall.internal.RecallRecords.PatientRow;
import org.pestle.recall.internal.RecallRecords.RecallRow;
import org.pestle.rules.DecisionTables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The service steps of processes/recall.bpmn (each asynchronous and retried, each safe to run again), called by the
 * BPMN as {@code ${recallSteps.quarantine(execution)}} and so on. They work in the system scope: the job executor
 * acts for the pharmacy.
 */
@Component("recallSteps")
public class RecallSteps {

    static final String DECISION = "Decision_RecallResponse";
    static final String TEXT_PURPOSE = "RECALL_NOTICE";

    private final RecallRecords records;
    private final Stock stock;
    private final Dispenses dispenses;
    private final Orders orders;
    private final TextMessages texts;
    private final DecisionTables decisions;
    private final RecallSettings settings;
    private final DataScope dataScope;
    private final ApplicationEventPublisher events;

    RecallSteps(RecallRecords records, Stock stock, Dispenses dispenses, Orders orders, TextMessages texts,
            DecisionTables decisions, RecallSettings settings, DataScope dataScope, ApplicationEventPublisher events) {
        this.records = records;
        this.stock = stock;
        this.dispenses = dispenses;
        this.orders = orders;
        this.texts = texts;
        this.decisions = decisions;
        this.settings = settings;
        this.dataScope = dataScope;
        this.events = events;
    }

    /** Task_QuarantineLots: every included lot in quarantine at once; the ledger names the recall. */
    public void quarantine(DelegateExecution execution) {
        dataScope.enterSystem("system:recall");
        RecallRow recall = recall(execution);
        BigDecimal onHand = BigDecimal.ZERO;
        for (LotRow lot : records.lots(recall.id())) {
            if (!lot.included()) {
                continue;
            }
            var after = stock.quarantineForRecall(lot.lotId(), "recall:" + recall.recallKey(), recall.confirmedBy())
                    .orElseThrow(() -> new IllegalStateException("Lot " + lot.lotId() + " is not in stock records"));
            records.quarantined(recall.id(), lot.lotId(), after.onHand());
            onHand = onHand.add(after.onHand());
        }
        execution.setVariable(RecallVariables.STOCK_ON_HAND, onHand.signum() > 0);
    }

    /** Task_FindPatients: every dispense of the lots (each preparation that took one as an ingredient), by patient. */
    public void findPatients(DelegateExecution execution) {
        dataScope.enterSystem("system:recall");
        RecallRow recall = recall(execution);
        Map<UUID, List<Dispense>> byPatient = new LinkedHashMap<>();
        for (LotRow lot : records.lots(recall.id())) {
            if (lot.included()) {
                for (Dispense dispense : dispenses.ofLot(lot.lotId())) {
                    List<Dispense> of = byPatient.computeIfAbsent(dispense.patientId(), k -> new ArrayList<>());
                    if (of.stream().noneMatch(d -> d.id().equals(dispense.id()))) {
                        of.add(dispense);
                    }
                }
            }
        }
        for (Map.Entry<UUID, List<Dispense>> patient : byPatient.entrySet()) {
            List<Dispense> taken = patient.getValue();
            Dispense first = taken.get(0);
            List<UUID> orderIds = taken.stream().map(Dispense::orderId).distinct().toList();
            UUID prescriberId = orders.findForSystem(first.orderId()).map(OrderView::prescriberId).orElse(null);
            records.insertPatient(recall.id(), patient.getKey(), first.organizationId(), first.clinicId(), prescriberId,
                    taken.stream().map(Dispense::id).toList(), orderIds);
        }
    }

    /** Task_DecideResponse: decisions/recall-response.dmn (the version in force) by the recall's class. */
    public void decideResponse(DelegateExecution execution) {
        dataScope.enterSystem("system:recall");
        Object classification = execution.getVariable(RecallVariables.CLASSIFICATION);
        DmnDecisionResultEntries result = decisions.evaluateSingle(DECISION,
                Map.of("classification", classification == null ? "" : classification));
        String due = result.getEntry("contactDue");
        boolean call = Boolean.TRUE.equals(result.getEntry("callAsWell"));
        boolean first = Boolean.TRUE.equals(result.getEntry("prescriberFirst"));
        execution.setVariable(RecallVariables.CONTACT_DUE, due);
        execution.setVariable(RecallVariables.CALL_AS_WELL, call);
        execution.setVariable(RecallVariables.PRESCRIBER_FIRST, first);
        records.response(RecallVariables.recallId(execution), due, call, first);
    }

    /** The collection of SubProcess_ContactPatient: the patients concerned, as ids. */
    public List<String> patientIds(DelegateExecution execution) {
        dataScope.enterSystem("system:recall");
        return records.patients(RecallVariables.recallId(execution)).stream().map(p -> p.patientId().toString())
                .toList();
    }

    /** Task_NotifyPrescriber (and Task_NotifyPrescriberFirst): the prescriber sees the recall among theirs. */
    public void notifyPrescriber(DelegateExecution execution) {
        dataScope.enterSystem("system:recall");
        RecallRow recall = recall(execution);
        PatientRow patient = patient(execution);
        if (patient.prescriberNotifiedAt() == null) {
            records.prescriberNotified(recall.id(), patient.patientId());
            events.publishEvent(new RecallPrescriberNotified(recall.id(), recall.recallNumber(),
                    patient.organizationId(), patient.clinicId(), patient.patientId(), patient.prescriberId()));
        }
    }

    /** Task_TextPatient: the recall text (no drug, no name) when the patient has not opted out; once per patient. */
    public void textPatient(DelegateExecution execution) {
        dataScope.enterSystem("system:recall");
        RecallRow recall = recall(execution);
        PatientRow patient = patient(execution);
        if (patient.textStatus() != null) {
            return;
        }
        if (!texts.mayText(patient.patientId())) {
            records.texted(recall.id(), patient.patientId(), "NO_CONSENT", null);
            events.publishEvent(new RecallPatientNotified(recall.id(), recall.recallNumber(), patient.organizationId(),
                    patient.clinicId(), patient.patientId(), false, null));
            return;
        }
        UUID message = texts.queue(new OutboundText(patient.organizationId(), patient.clinicId(), patient.patientId(),
                TEXT_PURPOSE, settings.text(), TEXT_PURPOSE + ":" + recall.id() + ":" + patient.patientId()));
        records.texted(recall.id(), patient.patientId(), "QUEUED", message);
        events.publishEvent(new RecallPatientNotified(recall.id(), recall.recallNumber(), patient.organizationId(),
                patient.clinicId(), patient.patientId(), true, message));
    }

    /** Task_CloseRecall: every patient resolved and the stock settled. */
    public void close(DelegateExecution execution) {
        dataScope.enterSystem("system:recall");
        RecallRow recall = recall(execution);
        if ("CLOSED".equals(recall.status())) {
            return;
        }
        List<PatientRow> patients = records.patients(recall.id());
        int reached = (int) patients.stream().filter(p -> p.outcome() != null && p.outcome().reached()).count();
        records.close(recall.id());
        events.publishEvent(new RecallClosed(recall.id(), recall.recallNumber(), patients.size(), reached,
                patients.size() - reached));
    }

    private RecallRow recall(DelegateExecution execution) {
        UUID id = RecallVariables.recallId(execution);
        return records.find(id).orElseThrow(() -> new IllegalStateException("Recall " + id + " is not there"));
    }

    private PatientRow patient(DelegateExecution execution) {
        UUID recallId = RecallVariables.recallId(execution);
        UUID patientId = RecallVariables.patientId(execution);
        return records.patient(recallId, patientId).orElseThrow(() -> new IllegalStateException(
                "Patient " + patientId + " is not concerned by recall " + recallId));
    }
}
