package org.pestle.ordering.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.catalog.Catalog;
import org.pestle.catalog.Compound;
import org.pestle.catalog.VerificationLevels;
import org.pestle.ordering.EligibilityOutcome;
import org.pestle.ordering.internal.PharmacyOrder.LineEligibility;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.pestle.tenancy.Prescriber;
import org.pestle.tenancy.Prescribers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks an order against the clinic's ordering rules, line by line, and records the outcome. The
 * order's outcome is its worst line: any reject rejects the order, any review flags it. The same
 * evaluation decides, once per order, whether a second pharmacist verifies and checks it.
 *
 * <p>The decisions are evaluated first and recorded afterwards, so that an evaluation that fails (an
 * admin's table that throws for this order) leaves nothing half-written. In the submission the
 * evaluation runs inside a savepoint ({@link #tryEvaluate}): a failure rolls back to it and the check
 * is deferred to a retried job, while the order and its process stay committed.
 */
@Service
class OrderEligibility {

    private static final Logger log = LoggerFactory.getLogger(OrderEligibility.class);

    private final OrderRepository orders;
    private final Clinics clinics;
    private final Prescribers prescribers;
    private final Catalog catalog;
    private final EligibilityRules rules;
    private final VerificationLevels verificationLevels;
    private final TransactionTemplate savepoint;

    OrderEligibility(OrderRepository orders, Clinics clinics, Prescribers prescribers, Catalog catalog,
            EligibilityRules rules, VerificationLevels verificationLevels, PlatformTransactionManager transactions) {
        this.orders = orders;
        this.clinics = clinics;
        this.prescribers = prescribers;
        this.catalog = catalog;
        this.rules = rules;
        this.verificationLevels = verificationLevels;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** What the decisions say about an order, not yet recorded. */
    record Evaluation(PharmacyOrder order, List<LineEligibility> lines, boolean secondPharmacistRequired) {
    }

    /**
     * Evaluates the order's decisions; an exception (a decision that cannot be evaluated) propagates,
     * so that in a job it is retried and then becomes an incident.
     */
    Evaluation evaluate(UUID orderId) {
        PharmacyOrder order = orders.findById(orderId).orElseThrow(() -> new IllegalStateException(
                "Order " + orderId + " does not exist"));
        Clinic clinic = clinics.find(order.clinicId()).orElseThrow();
        Prescriber prescriber = prescribers.find(order.prescriberId()).orElseThrow();
        List<LineEligibility> outcomes = new ArrayList<>();
        List<Integer> schedules = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            Compound compound = catalog.find(line.compoundId()).orElseThrow();
            EligibilityRules.Outcome outcome = rules.evaluate(new EligibilityRules.Inputs(
                    clinic.approvedCompoundsOnly(), catalog.isApprovedForClinic(compound.id(), clinic.id()),
                    compound.controlledSchedule(), prescriber.deaNumber().isPresent(), line.quantity(),
                    line.daysSupply(), line.refillsAuthorized()));
            outcomes.add(new LineEligibility(outcome.outcome(), outcome.reason()));
            schedules.add(compound.controlledSchedule());
        }
        return new Evaluation(order, outcomes, verificationLevels.forSchedules(schedules).secondPharmacist());
    }

    /**
     * {@link #evaluate} inside a savepoint of the caller's transaction: empty when it failed, with the
     * transaction rolled back to the savepoint and usable (Camunda's decision service marks a
     * transaction it takes part in rollback-only when it throws; rolling back to the savepoint clears that).
     */
    Optional<Evaluation> tryEvaluate(UUID orderId) {
        try {
            return Optional.of(savepoint.execute(status -> evaluate(orderId)));
        } catch (RuntimeException e) {
            log.warn("Eligibility of order {} could not be evaluated in its submission; deferred to a retried job: {}",
                    orderId, e.getClass().getName());
            return Optional.empty();
        }
    }

    /** Records the evaluated outcome: the order goes to the pharmacist, or ends rejected; returns the order's outcome. */
    EligibilityOutcome record(Evaluation evaluation) {
        PharmacyOrder order = evaluation.order();
        EligibilityOutcome orderOutcome = order.recordEligibility(evaluation.lines());
        orders.save(order);
        return orderOutcome;
    }
}
