package org.pestle.payments.internal.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.DataElement;
import org.pestle.identity.Permissions;
import org.pestle.payments.OrderPayments;
import org.pestle.payments.PaymentSummary;
import org.pestle.payments.internal.ClinicStatements;
import org.pestle.platform.ApiProblem;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Payments in the API: an order's payment, and a clinic's monthly statement. */
@RestController
class PaymentController {

    private final OrderPayments payments;
    private final Permissions permissions;
    private final ClinicStatements statements;

    PaymentController(OrderPayments payments, Permissions permissions, ClinicStatements statements) {
        this.payments = payments;
        this.permissions = permissions;
        this.statements = statements;
    }

    /** The order's payment: route, status, amount (if the role may see prices), card brand and last four (if it may see payment details). */
    @GetMapping("/api/orders/{orderId}/payment")
    PaymentSummary payment(@PathVariable UUID orderId) {
        return payments.find(CurrentActor.require(), orderId)
                .orElseThrow(() -> ApiProblem.notFound("Payment of order " + orderId));
    }

    /** The clinic's statement for a month ({@code 2026-11}): the orders on its invoice. */
    @GetMapping("/api/clinics/{clinicId}/statements/{month}")
    @Transactional(readOnly = true)
    ClinicStatements.Statement statement(@PathVariable UUID clinicId, @PathVariable String month) {
        Actor actor = CurrentActor.require();
        if (!actor.canAccessClinic(clinicId) || !permissions.canRead(actor, DataElement.ORDER_PRICE)) {
            throw ApiProblem.notFound("Statement of clinic " + clinicId);
        }
        YearMonth yearMonth;
        try {
            yearMonth = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField("month", "must be a month like 2026-11");
        }
        return statements.of(clinicId, yearMonth);
    }
}
