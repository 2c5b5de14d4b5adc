package org.pestle.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.pestle.console.ConsoleSignIn;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.Transactions;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's stock pages, signed in as a browser is: the expiry list, the reorder list, a CII reconciliation. */
@IntegrationTest
class StockPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Value("${pestle.time-zone}")
    ZoneId zone;

    @Test
    void anAdminSeesTheExpiringDemoLotsCreatesAPurchaseOrderFromTheReorderListAndReconcilesScheduleTwo() {
        StockFixtures fixtures = new StockFixtures(transactions, jdbc);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        WebSession admin = ConsoleSignIn.as(port, clock, Demo.ADMIN);

        assertThat(admin.get("/").body()).contains("/console/stock");
        String expiry = admin.get("/console/stock").body();
        assertThat(expiry).contains("NTX-D2409", "EXPIRED", "NTX-D2502", "URGENT");

        UUID item = fixtures.item("Page reorder powder", 0, "g");
        fixtures.lot(item, "PG-1", today.plusDays(300), new BigDecimal("1"));
        String wholesaler = "Page Wholesaler " + UUID.randomUUID();
        transactions.asSystem(() -> jdbc.sql("""
                insert into stock_par_level (item_id, par_level, reorder_point, wholesaler, set_by)
                values (?, 10, 2, ?, 'system:test')""").params(item, wholesaler).update());
        String reorder = admin.get("/console/stock/reorder").body();
        assertThat(reorder).contains(wholesaler, "Page reorder powder");
        Matcher key = Pattern.compile("name=\"key\" value=\"([^\"]+)\"").matcher(reorder);
        assertThat(key.find()).isTrue();
        HttpResponse<String> created = admin.postForm("/console/stock/reorder/purchase-orders", "wholesaler="
                + java.net.URLEncoder.encode(wholesaler, java.nio.charset.StandardCharsets.UTF_8) + "&key="
                + key.group(1) + "&_csrf=" + ConsoleSignIn.csrfOf(reorder));
        assertThat(created.statusCode()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(admin.get(location.replaceFirst("^https?://[^/]+", "")).body()).contains("created", "CSV");
        assertThat(transactions.asSystem(() -> jdbc.sql("select count(*) from purchase_order where wholesaler = ?")
                .param(wholesaler).query(Long.class).single())).isOne();

        UUID cii = fixtures.item("Page hydrocodone powder", 2, "g");
        fixtures.lot(cii, "PGH-1", today.plusDays(300), new BigDecimal("8"));
        String record = admin.get("/console/stock/controlled/" + cii).body();
        assertThat(record).contains("PGH-1", "RECEIVED");
        Matcher form = Pattern.compile("name=\"key\" value=\"([^\"]+)\"").matcher(record);
        assertThat(form.find()).isTrue();
        HttpResponse<String> reconciled = admin.postForm("/console/stock/controlled/" + cii + "/reconciliations",
                "counted=8&key=" + form.group(1) + "&_csrf=" + ConsoleSignIn.csrfOf(record));
        assertThat(reconciled.statusCode()).isEqualTo(302);
        assertThat(admin.get("/console/stock/controlled/" + cii).body()).contains("BALANCED");
    }

    @Test
    void clinicUsersAreRefusedTheStockPages() {
        WebSession reyes = ConsoleSignIn.as(port, clock, Demo.REYES);

        assertThat(reyes.get("/console/stock").statusCode()).isEqualTo(403);
        assertThat(reyes.get("/console/stock/reorder").statusCode()).isEqualTo(403);
        assertThat(reyes.get("/console/stock/controlled").statusCode()).isEqualTo(403);
        assertThat(reyes.get("/").body()).doesNotContain("/console/stock");
    }
}
