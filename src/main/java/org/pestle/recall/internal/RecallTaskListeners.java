package org.pestle.recall.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.pestle.identity.Action;
import org.pestle.identity.Permissions;
import org.pestle.identity.TaskActor;
import org.pestle.inventory.Stock;
import org.pestle.inventory.Stock.Removal;
import org.pestle.platform.DataScope;
import org.pestle.recall.ContactOutcome;
import org.pestle.recall.RecallContactEscalated;
import org.pestle.recall.RecallContactRecorded;
import org.pestle.recall.internal.RecallRecords.LotRow;
import org.pestle.recall.internal.RecallRecords.PatientRow;
import org.pestle.recall.internal.RecallRecords.RecallRow;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The user tasks of processes/recall.bpmn, checked again on the server (a form is client-side only): the
 * pharmacist's contact outcome (Task_ConfirmContact, Task_EscalatedContact), the escalation when the contact is
 * overdue, and the stock's return or destruction (Task_SettleStock). Called as
 * {@code ${recallTasks.contactRecorded(task)}} and so on.
 */
@Component("recallTasks")
public class RecallTaskListeners {

    private final RecallRecords records;
    private final Stock stock;
    private final Permissions permissions;
    private final DataScope dataScope;
    private final ApplicationEventPublisher events;

    RecallTaskListeners(RecallRecords records, Stock stock, Permissions permissions, DataScope dataScope,
            ApplicationEventPublisher events) {
        this.records = records;
        this.stock = stock;
        this.permissions = permissions;
        this.dataScope = dataScope;
        this.events = events;
    }

    /** On complete of a contact task: a pharmacist's coded outcome, recorded once. */
    public void contactRecorded(DelegateTask task) {
        TaskActor actor = TaskActor.of(task).require(permissions, Action.MANAGE_RECALLS,
                "Only a pharmacist can record a recall contact");
        ContactOutcome outcome = code(ContactOutcome.class, task.getVariable(RecallVariables.CONTACT_OUTCOME))
                .orElseThrow(() -> new BadUserRequestException("Choose the contact's outcome from the list"));
        dataScope.enterSystem("system:recall");
        RecallRow recall = recall(task);
        PatientRow patient = patient(task, recall.id());
        if (records.resolve(recall.id(), patient.patientId(), outcome, actor.userId())) {
            events.publishEvent(new RecallContactRecorded(recall.id(), recall.recallNumber(), patient.organizationId(),
                    patient.clinicId(), patient.patientId(), outcome, patient.escalatedAt() != null, actor.userId()));
        }
    }

    /** On create of Task_EscalatedContact: the contact is overdue. */
    public void escalated(DelegateTask task) {
        dataScope.enterSystem("system:recall");
        RecallRow recall = recall(task);
        PatientRow patient = patient(task, recall.id());
        if (patient.escalatedAt() == null) {
            records.escalated(recall.id(), patient.patientId());
            events.publishEvent(new RecallContactEscalated(recall.id(), recall.recallNumber(), patient.organizationId(),
                    patient.clinicId(), patient.patientId()));
        }
    }

    /** On complete of Task_SettleStock: what is left of every recalled lot is returned or destroyed, in the ledger. */
    public void stockSettled(DelegateTask task) {
        TaskActor actor = TaskActor.of(task).require(permissions, Action.MANAGE_RECALLS,
                "Only a pharmacist can settle a recall's stock");
        Removal removal = code(Removal.class, task.getVariable(RecallVariables.STOCK_REMOVAL))
                .orElseThrow(() -> new BadUserRequestException("Choose return to the supplier or destruction"));
        dataScope.enterSystem("system:recall");
        RecallRow recall = recall(task);
        for (LotRow lot : records.lots(recall.id())) {
            if (!lot.included() || lot.removal() != null) {
                continue;
            }
            BigDecimal before = stock.lots(java.util.List.of(lot.lotId())).stream().findFirst()
                    .map(l -> l.onHand()).orElse(BigDecimal.ZERO);
            stock.removeRecalled(lot.lotId(), removal, "recall:" + recall.recallKey(), actor.userId());
            records.removed(recall.id(), lot.lotId(), removal.name(), before.max(BigDecimal.ZERO), actor.userId());
        }
    }

    private RecallRow recall(DelegateTask task) {
        UUID id = RecallVariables.recallId(task);
        return records.find(id).orElseThrow(() -> new IllegalStateException("Recall " + id + " is not there"));
    }

    private PatientRow patient(DelegateTask task, UUID recallId) {
        UUID patientId = RecallVariables.patientId(task);
        return records.patient(recallId, patientId).orElseThrow(() -> new IllegalStateException(
                "Patient " + patientId + " is not concerned by recall " + recallId));
    }

    static <E extends Enum<E>> Optional<E> code(Class<E> type, Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(text)).findFirst();
    }
}
