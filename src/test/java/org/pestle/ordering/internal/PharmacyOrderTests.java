package org.pestle.ordering.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pestle.ordering.CancellationReason;
import org.pestle.ordering.EligibilityOutcome;
import org.pestle.ordering.LineStatus;
import org.pestle.ordering.OrderApproved;
import org.pestle.ordering.OrderCancelled;
import org.pestle.ordering.OrderCompounded;
import org.pestle.ordering.OrderPaid;
import org.pestle.ordering.OrderPickedUp;
import org.pestle.ordering.OrderReadyForPickup;
import org.pestle.ordering.OrderSentBackToCompounding;
import org.pestle.ordering.OrderRejected;
import org.pestle.ordering.OrderStatus;
import org.pestle.ordering.internal.PharmacyOrder.LineEligibility;
import org.pestle.ordering.internal.ReviewCodes.RejectionReason;
import org.springframework.test.util.ReflectionTestUtils;

/** The order decides every move of its status and raises the event of what happened, once. */
class PharmacyOrderTests {

    @Test
    void anEligibleOrderGoesToThePharmacist() {
        PharmacyOrder order = orderOfTwoLines();

        EligibilityOutcome outcome = order.recordEligibility(List.of(accept(), review()));

        assertThat(outcome).isEqualTo(EligibilityOutcome.REVIEW);
        assertThat(order.status()).isEqualTo(OrderStatus.IN_REVIEW);
        assertThat(order.eligibility()).isEqualTo("review");
        assertThat(order.lines()).extracting(OrderLine::status).containsExactly(LineStatus.ELIGIBLE,
                LineStatus.FLAGGED);
        assertThat(events(order)).isEmpty();
    }

    @Test
    void anIneligibleLineRejectsTheOrderWithItsReasonAndStatusTogether() {
        PharmacyOrder order = orderOfTwoLines();

        order.recordEligibility(List.of(accept(), new LineEligibility(EligibilityOutcome.REJECT, "Not approved")));

        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.statusReason()).isEqualTo("Line 2: Not approved");
        assertThat(order.lines()).extracting(OrderLine::status).containsExactly(LineStatus.REJECTED,
                LineStatus.INELIGIBLE);
        assertThat(events(order)).singleElement().isInstanceOfSatisfying(OrderRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo("Line 2: Not approved"));
    }

    @Test
    void approvalRaisesOrderApprovedWhenThePharmacistApproves() {
        PharmacyOrder order = inReview();

        order.approve();
        order.approve();

        assertThat(order.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(order.lines()).extracting(OrderLine::status).containsOnly(LineStatus.APPROVED);
        assertThat(events(order)).singleElement().isInstanceOfSatisfying(OrderApproved.class,
                approved -> assertThat(approved.orderId()).isEqualTo(order.id()));
    }

    @Test
    void aPharmacistsRejectionSetsStatusAndCodedReasonAtOnce() {
        PharmacyOrder order = inReview();

        order.rejectByPharmacist(RejectionReason.DRUG_INTERACTION);

        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.statusReason()).isEqualTo("Rejected by pharmacist: DRUG_INTERACTION");
        assertThat(events(order)).singleElement().isInstanceOf(OrderRejected.class);
    }

    @Test
    void aClarificationTakesTheOrderToThePrescriberAndBack() {
        PharmacyOrder order = inReview();

        order.askPrescriber();
        assertThat(order.status()).isEqualTo(OrderStatus.CLARIFICATION_REQUESTED);
        order.clarificationAnswered();

        assertThat(order.status()).isEqualTo(OrderStatus.IN_REVIEW);
        assertThat(events(order)).isEmpty();
    }

    @Test
    void anOrderIsPaidOnlyAfterApproval() {
        PharmacyOrder order = inReview();

        assertThatThrownBy(order::markPaid).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot move from IN_REVIEW to PAID");
        order.approve();
        order.markPaid();

        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(events(order)).hasSize(2).last().isInstanceOf(OrderPaid.class);
    }

    @Test
    void cancellingTwiceRaisesOneEventThatSaysWhereTheOrderStood() {
        PharmacyOrder order = inReview();
        order.approve();
        order.markPaid();

        order.cancel(CancellationReason.PATIENT_REQUEST);
        order.cancel(CancellationReason.OTHER);

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.statusReason()).isEqualTo("Cancelled: PATIENT_REQUEST");
        assertThat(events(order).stream().filter(OrderCancelled.class::isInstance).map(OrderCancelled.class::cast))
                .singleElement().satisfies(cancelled -> {
                    assertThat(cancelled.reason()).isEqualTo(CancellationReason.PATIENT_REQUEST);
                    assertThat(cancelled.previousStatus()).isEqualTo(OrderStatus.PAID);
                });
    }

    @Test
    void aRejectedOrderCannotBeApproved() {
        PharmacyOrder order = inReview();
        order.rejectByPharmacist(RejectionReason.DRUG_INTERACTION);

        assertThatThrownBy(order::approve).isInstanceOf(IllegalStateException.class);
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void aPaidOrderIsCompoundedCheckedAndPickedUpWithAnEventAtEachStepOthersNeed() {
        PharmacyOrder order = paid();

        order.startCompounding();
        order.startCompounding();
        assertThat(order.status()).isEqualTo(OrderStatus.COMPOUNDING);
        order.compounded();
        assertThat(order.status()).isEqualTo(OrderStatus.FINAL_CHECK);
        assertThat(order.lines()).extracting(OrderLine::status).containsOnly(LineStatus.COMPOUNDED);
        order.readyForPickup();
        assertThat(order.status()).isEqualTo(OrderStatus.READY);
        assertThat(order.lines()).extracting(OrderLine::status).containsOnly(LineStatus.CHECKED);
        order.pickedUp();
        order.pickedUp();

        assertThat(order.status()).isEqualTo(OrderStatus.PICKED_UP);
        assertThat(order.lines()).extracting(OrderLine::status).containsOnly(LineStatus.DISPENSED);
        assertThat(events(order).subList(2, events(order).size())).extracting(Object::getClass)
                .containsExactly(OrderCompounded.class, OrderReadyForPickup.class, OrderPickedUp.class);
    }

    @Test
    void aPaidOrderNobodyClaimedPassesThroughCompoundingWhenCompounded() {
        PharmacyOrder order = paid();

        order.compounded();

        assertThat(order.status()).isEqualTo(OrderStatus.FINAL_CHECK);
    }

    @Test
    void theFinalCheckSendsTheOrderBackToCompoundingWithItsLinesApprovedAgain() {
        PharmacyOrder order = paid();
        order.compounded();

        order.sendBackToCompounding();

        assertThat(order.status()).isEqualTo(OrderStatus.COMPOUNDING);
        assertThat(order.lines()).extracting(OrderLine::status).containsOnly(LineStatus.APPROVED);
        assertThat(events(order)).last().isInstanceOf(OrderSentBackToCompounding.class);
        assertThatThrownBy(order::sendBackToCompounding).isInstanceOf(IllegalStateException.class);
        order.compounded();
        assertThat(order.status()).isEqualTo(OrderStatus.FINAL_CHECK);
    }

    @Test
    void anOrderIsReadyOnlyAfterItsFinalCheckAndPickedUpOnlyWhenReady() {
        PharmacyOrder order = paid();

        assertThatThrownBy(order::readyForPickup).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot move from PAID to READY");
        assertThatThrownBy(order::pickedUp).isInstanceOf(IllegalStateException.class);
        order.compounded();
        assertThatThrownBy(order::pickedUp).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot move from FINAL_CHECK to PICKED_UP");
    }

    @Test
    void aPickedUpOrderCannotBeCancelledButAReadyOneCan() {
        PharmacyOrder ready = paid();
        ready.compounded();
        ready.readyForPickup();
        ready.cancel(CancellationReason.PATIENT_REQUEST);
        assertThat(ready.status()).isEqualTo(OrderStatus.CANCELLED);

        PharmacyOrder pickedUp = paid();
        pickedUp.compounded();
        pickedUp.readyForPickup();
        pickedUp.pickedUp();
        assertThatThrownBy(() -> pickedUp.cancel(CancellationReason.PATIENT_REQUEST))
                .isInstanceOf(IllegalStateException.class);
        assertThat(OrderStatus.PICKED_UP.canMoveTo(OrderStatus.CANCELLED)).isFalse();
    }

    @Test
    void aReadyOrderIsShippedThenDeliveredAndItsLinesDispensedWithAnEventAtEachStep() {
        PharmacyOrder order = ready();

        assertThatThrownBy(order::delivered).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot move from READY to DELIVERED");
        order.shipped();
        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.lines()).extracting(OrderLine::status).containsOnly(LineStatus.SHIPPED);
        assertThatThrownBy(order::pickedUp).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> order.cancel(CancellationReason.PATIENT_REQUEST))
                .isInstanceOf(IllegalStateException.class);
        order.delivered();
        order.delivered();

        assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.lines()).extracting(OrderLine::status).containsOnly(LineStatus.DISPENSED);
        assertThat(events(order).subList(events(order).size() - 2, events(order).size())).extracting(Object::getClass)
                .containsExactly(org.pestle.ordering.OrderShipped.class, org.pestle.ordering.OrderDelivered.class);
    }

    @Test
    void anUnclaimedReadyOrderIsReturnedToStockWithItsReasonAndEnds() {
        PharmacyOrder order = ready();

        assertThatThrownBy(() -> order.returnedToStock("not a code")).isInstanceOf(IllegalArgumentException.class);
        order.returnedToStock("UNCLAIMED");

        assertThat(order.status()).isEqualTo(OrderStatus.RETURNED);
        assertThat(order.status().ended()).isTrue();
        assertThat(order.statusReason()).isEqualTo("Returned to stock: UNCLAIMED");
        assertThat(order.lines()).extracting(OrderLine::status).containsOnly(LineStatus.DESTROYED);
        assertThat(events(order)).last().isInstanceOfSatisfying(org.pestle.ordering.OrderReturnedToStock.class,
                returned -> assertThat(returned.reason()).isEqualTo("UNCLAIMED"));
        assertThatThrownBy(order::pickedUp).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> paid().returnedToStock("UNCLAIMED")).as("only a ready order")
                .isInstanceOf(IllegalStateException.class);
    }

    private static PharmacyOrder ready() {
        PharmacyOrder order = paid();
        order.compounded();
        order.readyForPickup();
        return order;
    }

    private static PharmacyOrder paid() {
        PharmacyOrder order = inReview();
        order.approve();
        order.markPaid();
        return order;
    }

    private static PharmacyOrder inReview() {
        PharmacyOrder order = orderOfTwoLines();
        order.recordEligibility(List.of(accept(), accept()));
        return order;
    }

    private static PharmacyOrder orderOfTwoLines() {
        OrderLine line = OrderLine.of(UUID.randomUUID(), BigDecimal.TEN, 30, "Take as directed", 0);
        return PharmacyOrder.submit(1001, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                "dr.test", List.of(line, line));
    }

    private static LineEligibility accept() {
        return new LineEligibility(EligibilityOutcome.ACCEPT, "ok");
    }

    private static LineEligibility review() {
        return new LineEligibility(EligibilityOutcome.REVIEW, "Controlled substance");
    }

    /** The events the order has raised and not yet published (Spring Data publishes them on save). */
    private static List<Object> events(PharmacyOrder order) {
        Collection<?> events = ReflectionTestUtils.invokeMethod(order, "domainEvents");
        return List.copyOf(events);
    }
}
