package org.pestle.identity.internal.camunda;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.pestle.identity.Role;
import org.springframework.stereotype.Component;

/**
 * What each role may do in Camunda (authorization is on): which webapp it may open, what it may read
 * there, and the Tasklist filters it works from. Created at engine start, idempotently; an
 * administrator may add to it in Camunda Admin.
 */
@Component
class CamundaAccess extends AbstractProcessEnginePlugin {

    static final String VERIFICATION_QUEUE = "Verification queue";
    static final String MY_TASKS = "My tasks";
    static final String FULFILLMENT_QUEUE = "Fulfillment queue";
    static final String PRIVACY_REVIEWS = "Privacy reviews";

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        // Camunda administrators (pharmacy admins) get everything, as Camunda's own admin setup grants it.
        for (Resources resource : Resources.values()) {
            grant(authorizations, IdentityDirectory.CAMUNDA_ADMIN, resource, "*", Permissions.ALL);
        }
        for (Role role : new Role[] {Role.PHARMACIST, Role.PHARMACY_TECHNICIAN, Role.PRESCRIBER, Role.PRIVACY_OFFICER}) {
            grant(authorizations, role, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(authorizations, role, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
        }
        grant(authorizations, Role.OPERATOR, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(authorizations, Role.OPERATOR, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.RETRY_JOB);
        grant(authorizations, Role.OPERATOR, Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.READ,
                ProcessInstancePermissions.RETRY_JOB);
        // Operators may fire a refill reminder's timer early (Cockpit's job "execute", POST /engine-rest/job/{id}/execute):
        // its instances carry identifiers and codes only (README, Refill reminders).
        grant(authorizations, Role.OPERATOR, Resources.PROCESS_DEFINITION, "Process_RefillReminder",
                ProcessDefinitionPermissions.UPDATE_INSTANCE);
        grant(authorizations, Role.OPERATOR, Resources.DECISION_DEFINITION, "*", Permissions.READ,
                Permissions.READ_HISTORY);
        grant(authorizations, Role.OPERATOR, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
        grant(authorizations, Role.OPERATOR, Resources.DEPLOYMENT, "*", Permissions.READ);

        FilterService filters = engine.getFilterService();
        Filter queue = filter(filters, VERIFICATION_QUEUE, -10, "Orders waiting for a pharmacist's verification",
                engine.getTaskService().createTaskQuery().taskCandidateGroup(Role.PHARMACIST.groupId())
                        .includeAssignedTasks().orderByTaskPriority().desc().orderByTaskCreateTime().asc());
        grant(authorizations, Role.PHARMACIST, Resources.FILTER, queue.getId(), Permissions.READ);
        Filter fulfillment = filter(filters, FULFILLMENT_QUEUE, -9,
                "Paid orders to compound and ready orders to hand over",
                engine.getTaskService().createTaskQuery().taskCandidateGroup(Role.PHARMACY_TECHNICIAN.groupId())
                        .includeAssignedTasks().orderByTaskPriority().desc().orderByTaskCreateTime().asc());
        grant(authorizations, Role.PHARMACY_TECHNICIAN, Resources.FILTER, fulfillment.getId(), Permissions.READ);
        grant(authorizations, Role.PHARMACIST, Resources.FILTER, fulfillment.getId(), Permissions.READ);
        Filter mine = filter(filters, MY_TASKS, -5, "Tasks assigned to me",
                engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}")
                        .orderByTaskCreateTime().asc());
        for (Role role : new Role[] {Role.PHARMACIST, Role.PHARMACY_TECHNICIAN, Role.PRESCRIBER, Role.PRIVACY_OFFICER}) {
            grant(authorizations, role, Resources.FILTER, mine.getId(), Permissions.READ);
        }
        Filter reviews = filter(filters, PRIVACY_REVIEWS, -8, "Break-glass access waiting for a privacy review",
                engine.getTaskService().createTaskQuery().taskCandidateGroup(Role.PRIVACY_OFFICER.groupId())
                        .includeAssignedTasks().orderByTaskCreateTime().asc());
        grant(authorizations, Role.PRIVACY_OFFICER, Resources.FILTER, reviews.getId(), Permissions.READ);
    }

    private static Filter filter(FilterService filters, String name, int priority, String description,
            TaskQuery query) {
        Filter existing = filters.createFilterQuery().filterName(name).singleResult();
        if (existing != null) {
            return existing;
        }
        Filter filter = filters.newTaskFilter(name).setQuery(query)
                .setProperties(Map.of("priority", priority, "description", description, "refresh", true));
        return filters.saveFilter(filter);
    }

    private static void grant(AuthorizationService authorizations, Role role, Resource resource, String resourceId,
            Permission... permissions) {
        grant(authorizations, role.groupId(), resource, resourceId, permissions);
    }

    private static void grant(AuthorizationService authorizations, String groupId, Resource resource,
            String resourceId, Permission... permissions) {
        Authorization authorization = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).singleResult();
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        } else if (hasAll(authorization, permissions)) {
            return;
        }
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    private static boolean hasAll(Authorization authorization, Permission... permissions) {
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                return false;
            }
        }
        return true;
    }
}
