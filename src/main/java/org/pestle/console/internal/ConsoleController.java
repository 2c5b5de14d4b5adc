package org.pestle.console.internal;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.pestle.dispensing.Dispenses;
import org.pestle.identity.Action;
import org.pestle.identity.DataElement;
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
import org.pestle.recall.Recalls;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

@Controller
class ConsoleController {

    private final Orders orders;
    private final Patients patients;
    private final Clinics clinics;
    private final Permissions permissions;
    private final OrderPayments payments;
    private final OrderTimeline timeline;
    private final Dispenses dispenses;
    private final Recalls recalls;

    ConsoleController(Orders orders, Patients patients, Clinics clinics, Permissions permissions,
            OrderPayments payments, OrderTimeline timeline, Dispenses dispenses, Recalls recalls) {
        this.dispenses = dispenses;
        this.recalls = recalls;
        this.orders = orders;
        this.patients = patients;
        this.clinics = clinics;
        this.permissions = permissions;
        this.payments = payments;
        this.timeline = timeline;
    }

    /** The newest orders the user may see, each linking to its page with its timeline. */
    @GetMapping("/console/orders")
    String orders(Model model, HttpServletResponse response) {
        Actor actor = CurrentActor.require();
        if (!orders.readsOrders(actor)) {
            return errorPage(HttpStatus.FORBIDDEN, model, response);
        }
        java.util.List<Orders.Listed> latest = orders.latest(actor, 50);
        java.util.Map<UUID, String> clinicNames = new java.util.HashMap<>();
        latest.forEach(o -> clinicNames.computeIfAbsent(o.clinicId(),
                id -> clinics.find(id).map(org.pestle.tenancy.Clinic::name).orElse("")));
        model.addAttribute("orders", latest);
        model.addAttribute("clinicNames", clinicNames);
        model.addAttribute("words", Words.INSTANCE);
        return "orders";
    }

    @GetMapping("/console/orders/{id}")
    String order(@PathVariable UUID id, Model model, HttpServletResponse response) {
        Actor actor = CurrentActor.require();
        if (!orders.readsOrders(actor)) {
            return errorPage(HttpStatus.FORBIDDEN, model, response);
        }
        Optional<OrderView> found = orders.open(actor, id, "CONSOLE");
        if (found.isEmpty()) {
            return errorPage(HttpStatus.NOT_FOUND, model, response);
        }
        OrderView order = found.get();
        model.addAttribute("order", order);
        model.addAttribute("clinic", clinics.find(order.clinicId()).orElseThrow());
        // The patient's name and date of birth only where the permission matrix lets this role read them
        // (reading them is a disclosure the audit trail records, so they are not even loaded otherwise).
        boolean name = permissions.canRead(actor, DataElement.PATIENT_NAME);
        boolean birthDate = permissions.canRead(actor, DataElement.PATIENT_DATE_OF_BIRTH);
        model.addAttribute("showPatientName", name);
        model.addAttribute("showPatientBirthDate", birthDate);
        model.addAttribute("patient", name || birthDate ? patients.summary(order.patientId()).orElse(null) : null);
        model.addAttribute("payment", payment(actor, id).orElse(null));
        model.addAttribute("dispenses", dispenses.ofOrder(id));
        model.addAttribute("recalls", permissions.canDo(actor, Action.VIEW_RECALLS)
                ? recalls.ofPatient(order.patientId()).stream().filter(r -> r.orderIds().contains(id)).toList()
                : java.util.List.of());
        model.addAttribute("timeline", timeline.of(actor, order));
        return "order";
    }

    /** Pestle's error page (templates/error.html), not the API's problem+json: this is a page for people. */
    private static String errorPage(HttpStatus status, Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        return "error";
    }

    private Optional<PaymentSummary> payment(Actor actor, UUID orderId) {
        try {
            return payments.find(actor, orderId);
        } catch (ApiProblem roleReadsNoPayments) {
            return Optional.empty();
        }
    }
}
