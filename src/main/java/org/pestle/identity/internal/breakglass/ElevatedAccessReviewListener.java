package org.pestle.identity.internal.breakglass;

import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pestle.identity.Role;
import org.pestle.identity.TaskActor;
import org.springframework.stereotype.Component;

/** Task_ReviewElevatedAccess, on complete: a privacy officer's coded finding, checked again on the server. */
@Component("elevatedAccessReviewListener")
class ElevatedAccessReviewListener implements TaskListener {

    private static final Set<String> OUTCOMES = Set.of("APPROPRIATE", "INAPPROPRIATE");
    private static final Set<String> FOLLOW_UPS = Set.of("NONE", "RETRAIN_USER", "REVOKE_ACCESS", "REPORT_INCIDENT");

    private final ElevatedAccessGrants grants;

    ElevatedAccessReviewListener(ElevatedAccessGrants grants) {
        this.grants = grants;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskActor reviewer = TaskActor.of(task).require(Role.PRIVACY_OFFICER,
                "Only a privacy officer can review elevated access");
        Object outcome = task.getVariable("reviewOutcome");
        Object followUp = task.getVariable("reviewFollowUp");
        if (!OUTCOMES.contains(outcome) || !FOLLOW_UPS.contains(followUp)) {
            throw new BadUserRequestException("Choose a finding and a follow-up from the lists");
        }
        if (reviewer.userId().equals(task.getVariable("requester"))) {
            throw new BadUserRequestException("Nobody reviews their own elevated access");
        }
        grants.review(UUID.fromString((String) task.getVariable(ElevatedAccessProcess.GRANT_ID)), (String) outcome,
                reviewer.userId());
    }
}
