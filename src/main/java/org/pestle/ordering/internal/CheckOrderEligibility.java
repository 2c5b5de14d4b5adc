package org.pestle.ordering.internal;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pestle.catalog.Catalog;
import org.pestle.catalog.Compound;
import org.pestle.catalog.VerificationLevels;
import org.springframework.stereotype.Component;

/**
 * Task_CheckEligibility: evaluates the order-eligibility decision for every line; the gateway reads its code.
 * It also evaluates the verification level once for the order (decisions/verification-level.dmn, the version
 * in force): secondPharmacistRequired, read by the gateways before Task_SecondVerification and
 * Task_SecondFinalCheck.
 */
@Component("checkOrderEligibility")
class CheckOrderEligibility implements JavaDelegate {

    private final OrderEligibility eligibility;
    private final OrderRepository orders;
    private final Catalog catalog;
    private final VerificationLevels verificationLevels;

    CheckOrderEligibility(OrderEligibility eligibility, OrderRepository orders, Catalog catalog,
            VerificationLevels verificationLevels) {
        this.eligibility = eligibility;
        this.orders = orders;
        this.catalog = catalog;
        this.verificationLevels = verificationLevels;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(OrderProcess.ELIGIBILITY, eligibility.check(OrderProcess.orderId(execution)).code());
        List<Integer> schedules = orders.findById(OrderProcess.orderId(execution)).orElseThrow().lines().stream()
                .map(line -> catalog.find(line.compoundId()).map(Compound::controlledSchedule).orElse(0))
                .toList();
        execution.setVariable(OrderProcess.SECOND_PHARMACIST_REQUIRED,
                verificationLevels.forSchedules(schedules).secondPharmacist());
    }
}
