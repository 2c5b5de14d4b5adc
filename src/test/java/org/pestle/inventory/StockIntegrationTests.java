package org.pestle.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.inventory.StockRefused.Reason;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stock API the fulfillment steps call ({@link Stock}), on the real database in real transactions:
 * first expiry first out, lots refused whatever a client sends, debits in the caller's transaction,
 * and concurrent compoundings that never take a lot below zero.
 */
@IntegrationTest
class StockIntegrationTests {

    @Autowired
    Stock stock;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Value("${pestle.time-zone}")
    ZoneId zone;

    StockFixtures fixtures;
    LocalDate today;
    UUID item;

    @BeforeEach
    void anItem() {
        fixtures = new StockFixtures(transactions, jdbc);
        today = clock.instant().atZone(zone).toLocalDate();
        item = fixtures.item("Test powder", 0, "g");
    }

    @Test
    void proposesLotsFirstExpiryFirstOut() {
        UUID later = fixtures.lot(item, "LATER", today.plusDays(300), new BigDecimal("50"));
        UUID soonest = fixtures.lot(item, "SOONEST", today.plusDays(10), new BigDecimal("3"));
        UUID next = fixtures.lot(item, "NEXT", today.plusDays(100), new BigDecimal("4"));

        assertThat(transactions.asSystem(() -> stock.propose(item, new BigDecimal("2"))))
                .containsExactly(new LotUse(item, soonest, new BigDecimal("2")));
        assertThat(transactions.asSystem(() -> stock.propose(item, new BigDecimal("10"))))
                .containsExactly(new LotUse(item, soonest, new BigDecimal("3")), new LotUse(item, next,
                        new BigDecimal("4")), new LotUse(item, later, new BigDecimal("3")));
    }

    @Test
    void neverProposesAnExpiredQuarantinedOrEmptyLot() {
        fixtures.lot(item, "EXPIRED", today.minusDays(1), new BigDecimal("100"));
        UUID quarantined = fixtures.lot(item, "QUARANTINED", today.plusDays(5), new BigDecimal("100"));
        fixtures.quarantine(quarantined);
        UUID empty = fixtures.lot(item, "EMPTY", today.plusDays(6), new BigDecimal("1"));
        transactions.asSystem(() -> stock.debitForCompounding("test:empty", "technician",
                List.of(new LotUse(item, empty, BigDecimal.ONE))));
        UUID lastDay = fixtures.lot(item, "LAST-DAY", today, new BigDecimal("1"));
        UUID good = fixtures.lot(item, "GOOD", today.plusDays(200), new BigDecimal("10"));

        assertThat(transactions.asSystem(() -> stock.propose(item, new BigDecimal("5"))))
                .containsExactly(new LotUse(item, lastDay, BigDecimal.ONE), new LotUse(item, good, new BigDecimal("4")));
    }

    @Test
    void saysSoWhenTheUsableLotsHoldTooLittle() {
        fixtures.lot(item, "EXPIRED", today.minusDays(1), new BigDecimal("100"));
        fixtures.lot(item, "SMALL", today.plusDays(30), new BigDecimal("2"));

        assertThatThrownBy(() -> transactions.asSystem(() -> stock.propose(item, new BigDecimal("3"))))
                .isInstanceOfSatisfying(StockRefused.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_ENOUGH_STOCK);
                    assertThat(e.getMessage()).contains("hold 2 of the 3 needed");
                });
    }

    @Test
    void refusesAnExpiredLot() {
        UUID expired = fixtures.lot(item, "EXPIRED", today.minusDays(1), new BigDecimal("100"));
        assertRefused(expired, "1", Reason.EXPIRED);
    }

    @Test
    void refusesAQuarantinedLot() {
        UUID quarantined = fixtures.lot(item, "QUARANTINED", today.plusDays(100), new BigDecimal("100"));
        fixtures.quarantine(quarantined);
        assertRefused(quarantined, "1", Reason.QUARANTINED);
    }

    @Test
    void refusesAShortLot() {
        UUID small = fixtures.lot(item, "SMALL", today.plusDays(100), new BigDecimal("2"));
        assertRefused(small, "2.5", Reason.SHORT);
    }

    @Test
    void refusesALotOfAnotherItemAndALotThatIsNotThere() {
        UUID other = fixtures.item("Other powder", 0, "g");
        UUID otherLot = fixtures.lot(other, "OTHER", today.plusDays(100), new BigDecimal("10"));
        assertRefused(otherLot, "1", Reason.WRONG_ITEM);
        assertRefused(UUID.randomUUID(), "1", Reason.UNKNOWN_LOT);
    }

    @Test
    void refusesTheWholeCompoundingWhenOneLotIsAtFaultAndLeavesTheCallersTransactionUsable() {
        UUID good = fixtures.lot(item, "GOOD", today.plusDays(100), new BigDecimal("10"));
        UUID expired = fixtures.lot(item, "EXPIRED", today.minusDays(3), new BigDecimal("10"));

        String outcome = transactions.asSystem(() -> {
            try {
                stock.debitForCompounding("test:mixed", "technician", List.of(new LotUse(item, good, BigDecimal.ONE),
                        new LotUse(item, expired, BigDecimal.ONE)));
                return "debited";
            } catch (StockRefused e) {
                return e.reason() + " " + jdbc.sql("select count(*) from inventory_lot where id = ?").param(good)
                        .query(Long.class).single();
            }
        });

        assertThat(outcome).isEqualTo("EXPIRED 1");
        assertThat(fixtures.ledgerSum(good)).isEqualByComparingTo("10");
    }

    @Test
    void debitsInTheCallersTransactionAndRollsBackWithIt() {
        UUID lot = fixtures.lot(item, "LOT", today.plusDays(100), new BigDecimal("10"));

        assertThatThrownBy(() -> transactions.asSystem(() -> {
            List<StockLot> after = stock.debitForCompounding("test:rolled-back", "technician",
                    List.of(new LotUse(item, lot, new BigDecimal("4")), new LotUse(item, lot, new BigDecimal("1"))));
            assertThat(after).singleElement().extracting(StockLot::onHand).isEqualTo(new BigDecimal("5"));
            throw new IllegalStateException("the compounding record could not be written");
        })).hasMessageContaining("compounding record");

        assertThat(fixtures.ledgerSum(lot)).isEqualByComparingTo("10");
        assertThat(fixtures.movements(lot, "USED_IN_COMPOUNDING")).isZero();
        assertThatThrownBy(() -> stock.debitForCompounding("test:outside", "technician",
                List.of(new LotUse(item, lot, BigDecimal.ONE)))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ledgerBalanceEqualsTheSumOfMovementsAfterConcurrentCompoundings() throws Exception {
        UUID lot = fixtures.lot(item, "SHARED", today.plusDays(100), new BigDecimal("10"));
        int compoundings = 8;
        CyclicBarrier together = new CyclicBarrier(compoundings);
        ExecutorService threads = Executors.newFixedThreadPool(compoundings);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < compoundings; i++) {
                String reference = "test:concurrent-" + i;
                outcomes.add(threads.submit(() -> transactions.asSystem(() -> {
                    try {
                        // every transaction has begun before any of them debits
                        together.await(30, TimeUnit.SECONDS);
                        stock.debitForCompounding(reference, "technician",
                                List.of(new LotUse(item, lot, new BigDecimal("3"))));
                        return "debited";
                    } catch (StockRefused e) {
                        return e.reason().name();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn("debited"::equals).hasSize(3);
            assertThat(results).filteredOn("SHORT"::equals).hasSize(compoundings - 3);
        } finally {
            threads.shutdownNow();
        }

        BigDecimal onHand = transactions.asSystem(() -> stock.lots(List.of(lot))).get(0).onHand();
        assertThat(onHand).isEqualByComparingTo("1");
        assertThat(fixtures.ledgerSum(lot)).isEqualByComparingTo(onHand);
        assertThat(fixtures.movements(lot, "USED_IN_COMPOUNDING")).isEqualTo(3);
    }

    @Test
    void returnsToStockAtMostWhatACompoundingTook() {
        UUID lot = fixtures.lot(item, "LOT", today.plusDays(100), new BigDecimal("10"));
        transactions.asSystem(() -> stock.debitForCompounding("test:returned", "technician",
                List.of(new LotUse(item, lot, new BigDecimal("4")))));

        assertThat(transactions.asSystem(() -> stock.returnFromCompounding("test:returned", "pharmacist",
                List.of(new LotUse(item, lot, new BigDecimal("3")))))).singleElement()
                .extracting(StockLot::onHand).isEqualTo(new BigDecimal("9"));
        assertThatThrownBy(() -> transactions.asSystem(() -> stock.returnFromCompounding("test:returned",
                "pharmacist", List.of(new LotUse(item, lot, new BigDecimal("2"))))))
                .isInstanceOfSatisfying(StockRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.MORE_THAN_USED));
        assertThatThrownBy(() -> transactions.asSystem(() -> stock.returnFromCompounding("test:never-took",
                "pharmacist", List.of(new LotUse(item, lot, BigDecimal.ONE)))))
                .isInstanceOfSatisfying(StockRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.MORE_THAN_USED));
        assertThat(fixtures.ledgerSum(lot)).isEqualByComparingTo("9");
    }

    @Test
    void theLedgerIsAppendOnly() {
        UUID lot = fixtures.lot(item, "LOT", today.plusDays(100), new BigDecimal("10"));

        assertThatThrownBy(() -> transactions.asSystem(() -> jdbc.sql(
                "update stock_movement set quantity = 1000 where lot_id = ?").param(lot).update()))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> transactions.asSystem(() -> jdbc.sql(
                "delete from stock_movement where lot_id = ?").param(lot).update()))
                .rootCause().hasMessageContaining("append-only");
        assertThat(fixtures.ledgerSum(lot)).isEqualByComparingTo("10");
    }

    private void assertRefused(UUID lot, String quantity, Reason reason) {
        assertThatThrownBy(() -> transactions.asSystem(() -> stock.debitForCompounding("test:refused",
                "technician", List.of(new LotUse(item, lot, new BigDecimal(quantity))))))
                .isInstanceOfSatisfying(StockRefused.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.lotId()).isEqualTo(lot);
                    assertThat(e.asProblem("lots[0].lotId").status().value()).isEqualTo(422);
                    assertThat(e.asProblem("lots[0].lotId").errors()).singleElement()
                            .satisfies(error -> assertThat(error.field()).isEqualTo("lots[0].lotId"));
                });
        if (reason != Reason.UNKNOWN_LOT) {
            assertThat(fixtures.movements(lot, "USED_IN_COMPOUNDING")).isZero();
        }
    }
}
