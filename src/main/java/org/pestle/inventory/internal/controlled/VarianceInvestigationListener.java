package org.pestle.inventory.internal.controlled;

import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.identity.Action;
import org.pestle.identity.Permissions;
import org.pestle.identity.TaskActor;
import org.springframework.stereotype.Component;

/**
 * Task_InvestigateVariance, on complete: the pharmacist in charge records the outcome (counting error,
 * breakage, theft or loss; theft and loss with the DEA Form 106 reference), checked again on the server.
 */
@Component("varianceInvestigationListener")
class VarianceInvestigationListener implements TaskListener {

    static final Set<String> OUTCOMES = Set.of("COUNTING_ERROR", "BREAKAGE", "THEFT", "LOSS");

    private final Reconciliations reconciliations;
    private final Permissions permissions;

    VarianceInvestigationListener(Reconciliations reconciliations, Permissions permissions) {
        this.reconciliations = reconciliations;
        this.permissions = permissions;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskActor pharmacist = TaskActor.of(task).require(permissions, Action.ADJUST_STOCK,
                "Only a pharmacist investigates a controlled-substance variance");
        Object outcome = task.getVariable("investigationOutcome");
        if (!(outcome instanceof String code && OUTCOMES.contains(code))) {
            throw new BadUserRequestException("Choose the outcome from the list");
        }
        Object reference = task.getVariable("deaForm106Reference");
        String form106 = reference instanceof String s && !s.isBlank() ? s.strip() : null;
        if (("THEFT".equals(outcome) || "LOSS".equals(outcome)) && form106 == null) {
            throw new BadUserRequestException("A theft or loss needs the reference of the DEA Form 106 filed");
        }
        if (form106 != null && !form106.matches("[A-Za-z0-9-]{1,40}")) {
            throw new BadUserRequestException("The DEA Form 106 reference is 1 to 40 letters, digits or dashes");
        }
        reconciliations.recordInvestigation(UUID.fromString((String) task.getVariable(
                VarianceInvestigationProcess.RECONCILIATION_ID)), (String) outcome, form106, pharmacist.userId());
    }
}
