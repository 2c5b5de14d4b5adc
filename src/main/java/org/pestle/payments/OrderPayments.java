package org.pestle.payments;

import java.util.Optional;
import java.util.UUID;

import org.pestle.identity.Actor;

/** Reads an order's payment on behalf of a user, with what the permission matrix lets that user see. */
public interface OrderPayments {

    /**
     * The payment of the order, if the order has one and the actor may read the order.
     *
     * @throws org.pestle.platform.ApiProblem 403 when the actor's role reads no orders (operators)
     */
    Optional<PaymentSummary> find(Actor actor, UUID orderId);
}
