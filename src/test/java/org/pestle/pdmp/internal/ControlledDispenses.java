package org.pestle.pdmp.internal;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.Dispenses;
import org.pestle.support.Api;
import org.pestle.support.ApprovedOrders;
import org.pestle.support.Demo;
import org.pestle.support.Orders;
import org.pestle.support.ProviderStandIns;
import org.pestle.support.Transactions;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Controlled dispenses made through the real entry points: Dr. Reyes orders oxycodone (Schedule II) through the API,
 * two pharmacists verify it, the process is moved past the payment (tested in the payments module), a technician
 * compounds it, two pharmacists check it, and it is handed to the patient after an ID check.
 */
final class ControlledDispenses {

    private final ProcessEngine engine;
    private final Transactions transactions;
    private final ApprovedOrders users;
    private final JdbcClient jdbc;
    private final TestRestTemplate http;
    private final Dispenses dispenses;

    ControlledDispenses(ProcessEngine engine, Transactions transactions, ApprovedOrders users, JdbcClient jdbc,
            TestRestTemplate http, Dispenses dispenses) {
        this.engine = engine;
        this.transactions = transactions;
        this.users = users;
        this.jdbc = jdbc;
        this.http = http;
        this.dispenses = dispenses;
    }

    /** A picked-up oxycodone dispense of the Northside demo patient. */
    Dispense pickedUp() {
        ProviderStandIns.server();
        restockControlledIngredients();
        var created = new Api(http).post(Demo.REYES, "/api/orders", Orders.order(Demo.NORTHSIDE,
                Demo.PATIENT_NORTHSIDE, Orders.line(Demo.OXYCODONE, 10, 30, 0))).json();
        UUID orderId = UUID.fromString(created.get("id").asText());
        long number = created.get("orderNumber").asLong();
        complete(number, "Task_VerifyPrescription", Demo.PHARMACIST, Map.of("verificationDecision", "approve"));
        String processId = awaitTask(number, "Task_SecondVerification").getProcessInstanceId();
        complete(number, "Task_SecondVerification", Demo.PHARMACIST_2, Map.of("secondVerificationDecision", "approve"));
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.getRuntimeService().createEventSubscriptionQuery()
                .eventName("PaymentSucceeded").list().stream().anyMatch(s -> engine.getRuntimeService()
                        .createProcessInstanceQuery().processInstanceId(s.getProcessInstanceId())
                        .superProcessInstanceId(processId).count() == 1));
        transactions.asSystem(() -> {
            engine.getRuntimeService().createProcessInstanceModification(processId)
                    .cancelAllForActivity("CallActivity_Payment").startBeforeActivity("Event_OrderPaid").execute();
            return null;
        });
        Task compound = awaitTask(number, "Task_CompoundOrder");
        users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().complete(compound.getId(),
                Map.of("compoundingConfirmed", true)));
        complete(number, "Task_FinalCheck", Demo.PHARMACIST, Map.of("finalCheckDecision", "approve"));
        complete(number, "Task_SecondFinalCheck", Demo.PHARMACIST_2, Map.of("finalCheckDecision", "approve"));
        Task pickup = awaitTask(number, "Task_RecordPickup");
        users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().complete(pickup.getId(),
                Map.of("pickedUpBy", "PATIENT", "idDocument", "STATE_ID_CARD")));
        return transactions.asSystem(() -> dispenses.ofOrder(orderId)).get(0);
    }

    private void complete(long number, String taskKey, String pharmacist, Map<String, Object> variables) {
        Task task = awaitTask(number, taskKey);
        users.as(pharmacist, "pharmacists", () -> engine.getTaskService().complete(task.getId(), variables));
    }

    private Task awaitTask(long orderNumber, String taskKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(orderNumber)).taskDefinitionKey(taskKey).singleResult(),
                t -> t != null);
    }

    /** A fresh, far-dated lot of every controlled ingredient, so that each order can be compounded. */
    private void restockControlledIngredients() {
        transactions.asSystem(() -> {
            for (UUID item : jdbc.sql("select id from inventory_item where dea_schedule <> 0").query(UUID.class).list()) {
                UUID lot = UUID.randomUUID();
                jdbc.sql("""
                        insert into inventory_lot (id, item_id, lot_number, expires_on, supplier, received_on, supplier_dea_number,
                            dea_order_number)
                        values (?, ?, ?, current_date + 700, 'Test Supplier', current_date - 1, 'AB1234563', 'PDMP-TEST')""")
                        .params(lot, item, "PDMP-" + lot.toString().substring(0, 8)).update();
                jdbc.sql("insert into stock_movement (lot_id, kind, quantity, actor) values (?, 'RECEIVED', 1000, 'system:test')")
                        .param(lot).update();
            }
            return null;
        });
    }
}
