package org.pestle.inventory.internal.expiry;

import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.identity.Action;
import org.pestle.identity.Permissions;
import org.pestle.identity.TaskActor;
import org.springframework.stereotype.Component;

/** Task_ReviewExpiringStock, on complete: a pharmacist's coded decision on the expiry list, checked on the server. */
@Component("expiryReviewListener")
class ExpiryReviewListener implements TaskListener {

    static final Set<String> OUTCOMES = Set.of("RETURN_TO_WHOLESALER", "DESTROY", "USE_FIRST", "NOTED");

    private final ExpiryWatch watch;
    private final Permissions permissions;

    ExpiryReviewListener(ExpiryWatch watch, Permissions permissions) {
        this.watch = watch;
        this.permissions = permissions;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskActor pharmacist = TaskActor.of(task).require(permissions, Action.ADJUST_STOCK,
                "Only a pharmacist reviews expiring stock");
        Object outcome = task.getVariable("expiryReviewOutcome");
        if (!(outcome instanceof String code && OUTCOMES.contains(code))) {
            throw new BadUserRequestException("Choose what is to be done from the list");
        }
        watch.reviewed(pharmacist.userId(), (String) outcome, task.getProcessInstanceId());
    }
}
