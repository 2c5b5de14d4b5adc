package org.pestle.identity.internal.camunda;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Adapter to Camunda: the tasks a user had claimed from a group's queue go back to that queue. */
@Component
public class CamundaTaskReturns {

    private final TaskService tasks;

    CamundaTaskReturns(TaskService tasks) {
        this.tasks = tasks;
    }

    /** Unclaims the user's tasks that have candidate groups; returns how many. */
    public int returnClaimedTasks(String username) {
        int returned = 0;
        for (Task task : tasks.createTaskQuery().taskAssignee(username).list()) {
            boolean fromAQueue = tasks.getIdentityLinksForTask(task.getId()).stream()
                    .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null);
            if (fromAQueue) {
                tasks.setAssignee(task.getId(), null);
                returned++;
            }
        }
        return returned;
    }
}
