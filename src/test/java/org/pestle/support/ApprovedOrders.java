package org.pestle.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Orders that reach payment the way they do in production: submitted through the API by their
 * prescriber and approved by a pharmacist in Tasklist (Camunda's task service, with the pharmacist
 * signed in to Pestle and to Camunda).
 */
@Component
public class ApprovedOrders {

    private final ProcessEngine engine;
    private final Transactions transactions;
    private final TestRestTemplate http;

    ApprovedOrders(ProcessEngine engine, Transactions transactions, @Lazy TestRestTemplate http) {
        this.engine = engine;
        this.transactions = transactions;
        this.http = http;
    }

    /** An approved order: its id, number (the process business key) and prescriber. */
    public record Approved(UUID id, long number, String prescriber) {
    }

    /** Submits a one-line order of naltrexone and has the pharmacist approve it. */
    public Approved approve(String prescriber, UUID clinic, UUID patient) {
        var created = new Api(http).post(prescriber, "/api/orders", Orders.order(clinic, patient,
                Orders.line(Demo.NALTREXONE))).json();
        Approved order = new Approved(UUID.fromString(created.get("id").asText()), created.get("orderNumber").asLong(),
                prescriber);
        Task verify = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(order.number())).taskDefinitionKey("Task_VerifyPrescription")
                .singleResult(), t -> t != null);
        as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(verify.getId(),
                Map.of("verificationDecision", "approve")));
        return order;
    }

    /** Acts as a user in Tasklist does: signed in to Pestle (data scope) and to Camunda (groups, tenants). */
    public void as(String user, String group, Runnable action) {
        transactions.signIn(user);
        List<String> tenants = engine.getIdentityService().createTenantQuery().userMember(user).list().stream()
                .map(org.camunda.bpm.engine.identity.Tenant::getId).toList();
        engine.getIdentityService().setAuthentication(user, List.of(group), tenants);
        try {
            action.run();
        } finally {
            engine.getIdentityService().clearAuthentication();
            transactions.signOut();
        }
    }
}
