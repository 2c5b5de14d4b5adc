package org.pestle.dispensing.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.pestle.catalog.MasterFormulation;
import org.pestle.catalog.MasterFormulations;
import org.pestle.dispensing.Dispense;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.DataElement;
import org.pestle.identity.People;
import org.pestle.identity.Permissions;
import org.pestle.ordering.OrderView;
import org.pestle.ordering.Orders;
import org.pestle.patients.PatientSummary;
import org.pestle.patients.Patients;
import org.pestle.tenancy.Prescribers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /console/orders/{id}/label}: the printable label of each released line (patient, prescriber, drug and
 * strength, quantity, directions, control number, beyond-use date, storage, pharmacy name and address, fill
 * date), for pharmacy staff who check or hand over orders and may read patient names. Opening it is recorded
 * as a reading of the order.
 */
@Controller
class LabelPage {

    private final Orders orders;
    private final CompoundingRecords records;
    private final Patients patients;
    private final Prescribers prescribers;
    private final People people;
    private final MasterFormulations formulations;
    private final Permissions permissions;
    private final DispensingSettings settings;
    private final ZoneId zone;

    LabelPage(Orders orders, CompoundingRecords records, Patients patients, Prescribers prescribers, People people,
            MasterFormulations formulations, Permissions permissions, DispensingSettings settings,
            @Value("${pestle.time-zone:America/New_York}") ZoneId zone) {
        this.orders = orders;
        this.records = records;
        this.patients = patients;
        this.prescribers = prescribers;
        this.people = people;
        this.formulations = formulations;
        this.permissions = permissions;
        this.settings = settings;
        this.zone = zone;
    }

    /** One label. */
    record Label(String drug, BigDecimal quantity, String unit, String directions, String controlNumber,
            LocalDate beyondUseDate, String storage, LocalDate fillDate, String pharmacist, int schedule) {
    }

    @GetMapping("/console/orders/{orderId}/label")
    @Transactional // not read-only: opening the order appends to the audit trail
    String label(@PathVariable UUID orderId, Model model, HttpServletResponse response) {
        Actor actor = CurrentActor.require();
        boolean staff = permissions.canDo(actor, Action.FINAL_CHECK) || permissions.canDo(actor, Action.RECORD_PICKUP);
        if (!actor.pharmacySide() || !staff || !permissions.canRead(actor, DataElement.PATIENT_NAME)) {
            return error(HttpStatus.FORBIDDEN, model, response);
        }
        Optional<OrderView> found = orders.open(actor, orderId, "CONSOLE");
        if (found.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, model, response);
        }
        OrderView order = found.get();
        List<Dispense> dispensed = records.dispenses("d.order_id = ?", "d.line_number", orderId);
        if (dispensed.isEmpty()) {
            return error(HttpStatus.CONFLICT, model, response);
        }
        List<Label> labels = new ArrayList<>();
        for (Dispense d : dispensed) {
            OrderView.Line line = order.lines().get(d.lineNumber() - 1);
            String storage = formulations.version(d.compoundId(), d.formulationVersion())
                    .map(MasterFormulation::storage).map(s -> s.name().toLowerCase().replace('_', ' ')).orElse("");
            labels.add(new Label(line.compoundName(), line.quantity(), line.unit(), line.sig(), d.controlNumber(),
                    d.budDate(), storage, LocalDate.ofInstant(d.releasedAt(), zone), d.pharmacist(),
                    d.controlledSchedule()));
        }
        String prescriber = prescribers.find(order.prescriberId()).map(p -> {
            People.Person person = people.byUsername(List.of(p.username())).get(p.username());
            return person == null ? p.username() : "Dr. " + person.firstName() + " " + person.lastName();
        }).orElse("");
        model.addAttribute("order", order);
        model.addAttribute("patient", patients.summary(order.patientId()).map(PatientSummary::displayName).orElse(""));
        model.addAttribute("prescriber", prescriber);
        model.addAttribute("pharmacyName", settings.pharmacyName());
        model.addAttribute("pharmacyAddress", settings.pharmacyAddress());
        model.addAttribute("labels", labels);
        return "label";
    }

    private static String error(HttpStatus status, Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        return "error";
    }
}
