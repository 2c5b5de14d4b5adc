package org.pestle.ordering.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.pestle.catalog.Catalog;
import org.pestle.catalog.Compound;
import org.pestle.ordering.EligibilityOutcome;
import org.pestle.ordering.internal.PharmacyOrder.LineEligibility;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.pestle.tenancy.Prescriber;
import org.pestle.tenancy.Prescribers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks an order against the clinic's ordering rules, line by line, and records the outcome. The
 * order's outcome is its worst line: any reject rejects the order, any review flags it.
 */
@Service
class OrderEligibility {

    private final OrderRepository orders;
    private final Clinics clinics;
    private final Prescribers prescribers;
    private final Catalog catalog;
    private final EligibilityRules rules;

    OrderEligibility(OrderRepository orders, Clinics clinics, Prescribers prescribers, Catalog catalog,
            EligibilityRules rules) {
        this.orders = orders;
        this.clinics = clinics;
        this.prescribers = prescribers;
        this.catalog = catalog;
        this.rules = rules;
    }

    /** Evaluates and records: the order goes to the pharmacist, or ends rejected; returns the order's outcome. */
    @Transactional
    EligibilityOutcome check(UUID orderId) {
        PharmacyOrder order = orders.findById(orderId).orElseThrow(() -> new IllegalStateException(
                "Order " + orderId + " does not exist"));
        Clinic clinic = clinics.find(order.clinicId()).orElseThrow();
        Prescriber prescriber = prescribers.find(order.prescriberId()).orElseThrow();
        List<LineEligibility> outcomes = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            Compound compound = catalog.find(line.compoundId()).orElseThrow();
            EligibilityRules.Outcome outcome = rules.evaluate(new EligibilityRules.Inputs(
                    clinic.approvedCompoundsOnly(), catalog.isApprovedForClinic(compound.id(), clinic.id()),
                    compound.controlledSchedule(), prescriber.deaNumber().isPresent(), line.quantity(),
                    line.daysSupply(), line.refillsAuthorized()));
            outcomes.add(new LineEligibility(outcome.outcome(), outcome.reason()));
        }
        EligibilityOutcome orderOutcome = order.recordEligibility(outcomes);
        orders.save(order);
        return orderOutcome;
    }
}
