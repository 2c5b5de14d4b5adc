package org.pestle.ordering.internal;

import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is completing a user task: the user Camunda authenticated for this call (Tasklist, REST or Java). */
record TaskActor(String userId, List<String> groupIds) {

    static TaskActor of(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService()
                .getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            throw new BadUserRequestException("This task must be completed by a signed-in user");
        }
        List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        return new TaskActor(authentication.getUserId(), groups);
    }

    boolean inGroup(String groupId) {
        return groupIds.contains(groupId);
    }
}
