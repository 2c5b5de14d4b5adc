package org.pestle.payments.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.pestle.catalog.Catalog;
import org.pestle.ordering.OrderView;
import org.springframework.stereotype.Component;

/** An order's total from catalog prices: the sum over lines of round(quantity × price per unit), in cents. */
@Component
class OrderTotals {

    private final Catalog catalog;

    OrderTotals(Catalog catalog) {
        this.catalog = catalog;
    }

    long totalCents(OrderView order) {
        long total = 0;
        for (OrderView.Line line : order.lines()) {
            int price = catalog.find(line.compoundId()).orElseThrow().priceCents();
            total += line.quantity().multiply(BigDecimal.valueOf(price)).setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
        }
        return total;
    }
}
