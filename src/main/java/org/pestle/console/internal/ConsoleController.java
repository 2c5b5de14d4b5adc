package org.pestle.console.internal;

import java.util.Optional;
import java.util.UUID;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.ordering.OrderView;
import org.pestle.ordering.Orders;
import org.pestle.patients.Patients;
import org.pestle.payments.OrderPayments;
import org.pestle.payments.PaymentSummary;
import org.pestle.platform.ApiProblem;
import org.pestle.tenancy.Clinics;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

@Controller
class ConsoleController {

    private final Orders orders;
    private final Patients patients;
    private final Clinics clinics;
    private final Permissions permissions;
    private final OrderPayments payments;

    ConsoleController(Orders orders, Patients patients, Clinics clinics, Permissions permissions,
            OrderPayments payments) {
        this.orders = orders;
        this.patients = patients;
        this.clinics = clinics;
        this.permissions = permissions;
        this.payments = payments;
    }

    @GetMapping("/")
    String home(Model model) {
        Actor actor = CurrentActor.require();
        model.addAttribute("actor", actor);
        model.addAttribute("canEditRules", permissions.canDo(actor, Action.EDIT_RULES));
        return "home";
    }

    @GetMapping("/console/orders/{id}")
    String order(@PathVariable UUID id, Model model) {
        Actor actor = CurrentActor.require();
        OrderView order = orders.find(actor, id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Order not found"));
        model.addAttribute("order", order);
        model.addAttribute("clinic", clinics.find(order.clinicId()).orElseThrow());
        model.addAttribute("patient", patients.summary(order.patientId()).orElseThrow());
        model.addAttribute("payment", payment(actor, id).orElse(null));
        return "order";
    }

    private Optional<PaymentSummary> payment(Actor actor, UUID orderId) {
        try {
            return payments.find(actor, orderId);
        } catch (ApiProblem roleReadsNoPayments) {
            return Optional.empty();
        }
    }
}
