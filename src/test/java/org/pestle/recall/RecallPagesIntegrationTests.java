package org.pestle.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console's recall page as a signed-in pharmacist uses it: import, preview, confirm, the recall's page. */
@IntegrationTest
class RecallPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Test
    void aPharmacistImportsPreviewsAndConfirmsARecordOnTheRecallPage() throws Exception {
        WebSession browser = new WebSession(port, clock);
        browser.signIn(Demo.PHARMACIST);
        HttpResponse<String> list = browser.get("/console/recalls");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Import an openFDA enforcement record");

        String record = sample("D-0865-2016").toString();
        HttpResponse<String> preview = browser.postForm("/console/recalls/preview", "record=" + encode(record)
                + "&_csrf=" + encode(WebSession.csrfOf(list.body())));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("D-0865-2016", "56-148-EV", "2017-08-01", "00409-6625-02",
                "Confirm: quarantine and notify");

        HttpResponse<String> confirmed = browser.postForm("/console/recalls", "record=" + encode(record)
                + "&_csrf=" + encode(WebSession.csrfOf(preview.body())));
        assertThat(confirmed.statusCode()).isEqualTo(302);
        String location = confirmed.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/console/recalls/");
        HttpResponse<String> page = browser.get(location.substring(location.indexOf("/console/")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Recall <span>D-0865-2016</span>", "Effectiveness report (CSV)");
    }

    @Test
    void aTechnicianSeesRecallsButCannotImportOne() {
        WebSession browser = new WebSession(port, clock);
        browser.signIn(Demo.TECHNICIAN);
        HttpResponse<String> list = browser.get("/console/recalls");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Drug recalls").doesNotContain("Import an openFDA enforcement record");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode sample(String recallNumber) throws Exception {
        try (InputStream in = RecallPagesIntegrationTests.class.getResourceAsStream(
                "/recall/openfda-drug-enforcement-samples.json")) {
            for (JsonNode r : new ObjectMapper().readTree(in).get("results")) {
                if (r.get("recall_number").asText().equals(recallNumber)) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException(recallNumber);
    }
}
