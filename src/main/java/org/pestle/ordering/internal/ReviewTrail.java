package org.pestle.ordering.internal;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pharmacist's and prescriber's recorded decisions on an order (order_review), and who shipped it, recorded its
 * delivery or returned it to stock.
 */
@Repository
class ReviewTrail {

    enum Action { APPROVED, REJECTED, CLARIFICATION_REQUESTED, CLARIFICATION_ANSWERED, SECOND_APPROVED, SECOND_REJECTED, SHIPPED, DELIVERED,
        RETURNED_TO_STOCK }

    private final JdbcClient jdbc;

    ReviewTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID orderId, Action action, String code, String actor, String taskId) {
        jdbc.sql("insert into order_review (order_id, action, code, actor, task_id) values (?, ?, ?, ?, ?)")
                .params(orderId, action.name(), code, actor, taskId).update();
    }
}
