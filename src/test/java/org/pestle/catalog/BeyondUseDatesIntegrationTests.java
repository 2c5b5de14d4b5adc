package org.pestle.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pestle.catalog.BeyondUseDates.NoDefaultBeyondUseDate;
import org.pestle.identity.CurrentActor;
import org.pestle.rules.RuleTables;
import org.pestle.rules.RuleTables.TestResult;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The shipped beyond-use-date and verification-level tables as the application deploys and evaluates
 * them: the BUD of a demo preparation from its formula, capped by its earliest ingredient lot, and the
 * verification level of an order.
 */
@IntegrationTest
class BeyondUseDatesIntegrationTests {

    /** Demo naltrexone lots (R__demo_inventory.sql): expires in 20 days, and in 400 days. */
    static final UUID NALTREXONE_SOON = UUID.fromString("00000000-0000-4000-8000-000000000207");
    static final UUID NALTREXONE_LATER = UUID.fromString("00000000-0000-4000-8000-000000000208");
    static final UUID CELLULOSE = UUID.fromString("00000000-0000-4000-8000-000000000209");
    static final UUID CAPSULES = UUID.fromString("00000000-0000-4000-8000-000000000210");
    static final UUID CREAM_BASE = UUID.fromString("00000000-0000-4000-8000-000000000204");
    static final UUID ESTRADIOL_LOT = UUID.fromString("00000000-0000-4000-8000-000000000205");
    static final UUID TESTOSTERONE_LOT = UUID.fromString("00000000-0000-4000-8000-000000000211");

    @Autowired
    BeyondUseDates beyondUseDates;

    @Autowired
    VerificationLevels verificationLevels;

    @Autowired
    RuleTables ruleTables;

    @Autowired
    Transactions transactions;

    @Autowired
    TestRestTemplate http;

    @Autowired
    Clock clock;

    @Value("${pestle.time-zone}")
    ZoneId zone;

    @Test
    void capsulesGetTheOneHundredEightyDayDefaultFromTheDayTheyAreMade() {
        Instant madeAt = clock.instant();
        LocalDate madeOn = madeAt.atZone(zone).toLocalDate();

        BeyondUseDate bud = transactions.asSystem(() -> beyondUseDates.forPreparation(Demo.NALTREXONE, 1, madeAt,
                List.of(NALTREXONE_LATER, CELLULOSE, CAPSULES)));

        assertThat(bud.date()).isEqualTo(madeOn.plusDays(180));
        assertThat(bud.until()).isEqualTo(madeOn.plusDays(181).atStartOfDay(zone).toInstant());
        assertThat(bud.rule()).isEqualTo("USP <795> other non-aqueous form: 180 days");
        assertThat(bud.cappedByLot()).isFalse();
    }

    @Test
    void theEarliestIngredientExpiryCapsTheBeyondUseDate() {
        Instant madeAt = clock.instant();

        BeyondUseDate bud = transactions.asSystem(() -> beyondUseDates.forPreparation(Demo.NALTREXONE, 1, madeAt,
                List.of(NALTREXONE_SOON, NALTREXONE_LATER, CELLULOSE, CAPSULES)));

        assertThat(bud.limitingLotId()).isEqualTo(NALTREXONE_SOON);
        assertThat(bud.date()).isBefore(madeAt.atZone(zone).toLocalDate().plusDays(30));
        assertThat(bud.until()).isEqualTo(bud.date().plusDays(1).atStartOfDay(zone).toInstant());
    }

    @Test
    void aPreservedAqueousCreamGetsThirtyFiveDays() {
        Instant madeAt = clock.instant();
        assertThat(transactions.asSystem(() -> beyondUseDates.forPreparation(Demo.ESTRADIOL, 1, madeAt,
                List.of(ESTRADIOL_LOT, CREAM_BASE))).date()).isEqualTo(madeAt.atZone(zone).toLocalDate().plusDays(35));
    }

    @Test
    void aSterileCategoryTwoPreparationHasNoShippedDefault() {
        assertThatThrownBy(() -> transactions.asSystem(() -> beyondUseDates.forPreparation(Demo.TESTOSTERONE, 1,
                clock.instant(), List.of(TESTOSTERONE_LOT)))).isInstanceOf(NoDefaultBeyondUseDate.class)
                .hasMessageContaining("No default");
        assertThatThrownBy(() -> transactions.asSystem(() -> beyondUseDates.forPreparation(Demo.NALTREXONE, 99,
                clock.instant(), List.of(NALTREXONE_LATER)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyScheduleTwoOrderNeedsASecondPharmacist() {
        assertThat(verificationLevels.forSchedules(List.of(0, 2, 3))).isEqualTo(new VerificationLevel(true,
                "Schedule II: a second pharmacist verifies and checks"));
        assertThat(verificationLevels.forSchedules(List.of(0, 3, 4)).secondPharmacist()).isFalse();
        assertThat(verificationLevels.forSchedules(List.of()).secondPharmacist()).isFalse();
    }

    @Test
    void bothTablesAreShippedWithTheirTestCasesAndPassThem() {
        for (String key : List.of("Decision_BeyondUseDate", "Decision_VerificationLevel")) {
            Api.Response table = new Api(http).get(Demo.ADMIN, "/api/rules/decisions/" + key);
            assertThat(table.status()).as(key).isEqualTo(200);
            assertThat(table.json().get("rules").size()).as(key).isGreaterThanOrEqualTo(2);
        }
        transactions.signIn(Demo.ADMIN);
        try {
            for (String key : List.of("Decision_BeyondUseDate", "Decision_VerificationLevel")) {
                List<TestResult> results = ruleTables.runTests(CurrentActor.require(), key);
                assertThat(results).as(key).hasSizeGreaterThanOrEqualTo(3);
                assertThat(results).as(key).allSatisfy(r -> assertThat(r.passed()).as(r.testCase().name()).isTrue());
            }
        } finally {
            transactions.signOut();
        }
    }
}
