package org.pestle.console.internal;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.TaskQuery;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.Permissions;
import org.pestle.identity.Role;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.springframework.stereotype.Component;

/**
 * What needs attention, counted from the engine (adapter to Camunda's task and incident queries): orders
 * waiting for verification, payments waiting for a billing decision, incidents, break-glass reviews. Each
 * count only for the roles that act on it; clinic users count their clinics' tasks only (Camunda tenants).
 */
@Component
class AttentionCounts {

    /**
     * One count.
     *
     * @param label what is counted
     * @param count how many
     * @param href where to act on them
     */
    record Count(String label, long count, String href) {
    }

    private final ProcessEngine engine;
    private final Permissions permissions;
    private final Clinics clinics;

    AttentionCounts(ProcessEngine engine, Permissions permissions, Clinics clinics) {
        this.engine = engine;
        this.permissions = permissions;
        this.clinics = clinics;
    }

    List<Count> of(Actor actor) {
        List<Count> counts = new ArrayList<>();
        String[] tenants = actor.pharmacySide() ? null
                : clinics.all().stream().filter(c -> actor.clinicIds().contains(c.id())).map(Clinic::code)
                        .toArray(String[]::new);
        boolean admin = actor.has(Role.PHARMACY_ADMIN);
        if (admin || permissions.canDo(actor, Action.APPROVE) || actor.has(Role.CLINIC_ADMIN)) {
            counts.add(new Count("orders waiting for verification",
                    tasks(tenants).taskDefinitionKeyIn("Task_VerifyPrescription", "Task_SecondVerification").count(),
                    ConsoleFrame.TASKLIST));
        }
        if (admin || permissions.canDo(actor, Action.REFUND)) {
            counts.add(new Count("payments needing a billing decision",
                    tasks(tenants).taskDefinitionKey("Task_ResolvePayment").count(), ConsoleFrame.TASKLIST));
        }
        if (admin || actor.has(Role.OPERATOR)) {
            counts.add(new Count("incidents", engine.getRuntimeService().createIncidentQuery().count(),
                    "/camunda/app/cockpit/"));
        }
        if (admin || actor.has(Role.PRIVACY_OFFICER)) {
            counts.add(new Count("break-glass reviews due",
                    tasks(tenants).taskDefinitionKey("Task_ReviewElevatedAccess").count(), ConsoleFrame.TASKLIST));
        }
        return counts;
    }

    private TaskQuery tasks(String[] tenants) {
        TaskQuery query = engine.getTaskService().createTaskQuery();
        if (tenants != null) {
            query = tenants.length == 0 ? query.tenantIdIn("-none-") : query.tenantIdIn(tenants);
        }
        return query;
    }
}
