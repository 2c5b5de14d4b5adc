package org.pestle.identity;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who is completing a user task: the user Camunda authenticated for this call (Tasklist, REST or Java), with the
 * groups of their roles. Task listeners check the role again on the server with it (a form is client-side only).
 *
 * @param userId the user's login name
 * @param groupIds their Camunda groups ({@link Role#groupId()})
 */
public record TaskActor(String userId, List<String> groupIds) {

    /**
     * The user completing the task.
     *
     * @throws BadUserRequestException when nobody is signed in (the task stays open with this message)
     */
    public static TaskActor of(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService()
                .getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            throw new BadUserRequestException("This task must be completed by a signed-in user");
        }
        List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        return new TaskActor(authentication.getUserId(), List.copyOf(groups));
    }

    /** Whether the user has this role. */
    public boolean has(Role role) {
        return groupIds.contains(role.groupId());
    }

    /** The Pestle roles of the user's groups. */
    public Set<Role> roles() {
        return groupIds.stream().map(Role::ofGroupId).flatMap(java.util.Optional::stream).collect(Collectors.toSet());
    }

    /**
     * Refuses the completion unless one of the user's roles may take the action in the permission matrix.
     *
     * @throws BadUserRequestException with {@code refusal} as its message (Tasklist shows it)
     */
    public TaskActor require(Permissions permissions, Action action, String refusal) {
        if (!permissions.canDo(new Actor(null, userId, null, roles(), Set.of()), action)) {
            throw new BadUserRequestException(refusal);
        }
        return this;
    }

    /**
     * Refuses the completion unless the user has this role.
     *
     * @throws BadUserRequestException with {@code refusal} as its message (Tasklist shows it)
     */
    public TaskActor require(Role role, String refusal) {
        if (!has(role)) {
            throw new BadUserRequestException(refusal);
        }
        return this;
    }
}
