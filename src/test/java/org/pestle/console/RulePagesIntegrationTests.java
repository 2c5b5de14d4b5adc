package org.pestle.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/**
 * The rules console's pages as a browser gets them: the table in plain words, the editor that keeps what was typed
 * and names each fault, publishing from the page, and the diff of two versions.
 */
@IntegrationTest
class RulePagesIntegrationTests {

    static final String KEY = "Decision_OrderEligibility";
    static final String PAGE = "/console/rules/" + KEY;

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    TestRestTemplate http;

    WebSession admin;
    Api api;

    @BeforeEach
    void signInAsPharmacyAdmin() {
        admin = ConsoleSignIn.as(port, clock, Demo.ADMIN);
        api = new Api(http);
        discardDraft();
    }

    @AfterEach
    void restoreTheShippedRules() {
        discardDraft();
        JsonNode versions = api.get(Demo.ADMIN, "/api/rules/decisions/" + KEY + "/versions").json();
        int first = versions.get(versions.size() - 1).get("version").asInt();
        if (!api.get(Demo.ADMIN, "/api/rules/decisions/" + KEY).json()
                .equals(api.get(Demo.ADMIN, "/api/rules/decisions/" + KEY + "/versions/" + first).json())) {
            api.post(Demo.ADMIN, "/api/rules/decisions/" + KEY + "/rollbacks",
                    Map.of("version", first, "comment", "Test over: the shipped rules again"));
        }
    }

    @Test
    void theTableIsShownInPlainWordsWithItsHistoryAndTestCases() {
        String page = admin.get(PAGE).body();

        assertThat(page).contains("Order eligibility", "First match: the first rule that matches decides",
                "more than 90", "Pharmacy dispensing policy", "When Days supply is more than 90, then Outcome is "
                        + "reject; Reason is Days supply exceeds 90 days.", "11 saved test cases", "Compare version",
                "Check order eligibility");
        assertThat(admin.get("/console/rules").body()).contains("Order eligibility", "Decision_OrderEligibility");
    }

    @Test
    void aFaultyEditComesBackWithWhatWasTypedAndTheFaultNamedAndSavesNothing() {
        String editor = editor();

        HttpResponse<String> refused = admin.postForm(PAGE + "/edit", form(editor, "> > 90") + "&action=save");

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("1 problem(s): nothing was saved.",
                "Rule 5, Days supply: Cannot be evaluated on integer values", "value=\"&gt; &gt; 90\"");
        assertThat(api.get(Demo.ADMIN, "/api/rules/decisions/" + KEY + "/draft").json().at("/table/rules/4/"
                + "inputEntries/5").asText()).isEqualTo("> 90");
    }

    @Test
    void rowsAreAddedOnTheFormWithoutSaving() {
        HttpResponse<String> added = admin.postForm(PAGE + "/edit", form(editor(), "> 90") + "&action=add");

        assertThat(added.body()).contains("Not saved yet", "aria-label=\"Rule 11, Days supply\"");
        assertThat(api.get(Demo.ADMIN, "/api/rules/decisions/" + KEY + "/draft").json().at("/table/rules").size())
                .isEqualTo(10);
    }

    @Test
    void anEditIsSavedTestedAndPublishedFromThePagesAndTheDiffSaysWhatChanged() {
        int before = api.get(Demo.ADMIN, "/api/rules/decisions/" + KEY + "/versions").json().get(0).get("version")
                .asInt();
        String editor = editor();
        String form = form(editor, "> 90").replace("rules%5B4%5D.annotation=", "rules%5B4%5D.annotation=Reworded+");
        assertThat(admin.postForm(PAGE + "/edit", form + "&action=save").statusCode()).isEqualTo(302);
        String table = admin.get(PAGE).body();
        assertThat(table).contains("Draft saved", "The draft");

        admin.postForm(PAGE + "/tests/run", "_csrf=" + ConsoleSignIn.csrfOf(table));
        assertThat(admin.get(PAGE).body()).contains("11 of 11 test cases pass");
        HttpResponse<String> withoutComment = admin.postForm(PAGE + "/publish", "comment=&_csrf="
                + ConsoleSignIn.csrfOf(admin.get(PAGE).body()));
        assertThat(withoutComment.statusCode()).isEqualTo(302);
        assertThat(admin.get(PAGE).body()).contains("comment", "is required: say why the rules change");
        admin.postForm(PAGE + "/publish", "comment=" + URLEncoder.encode("Clearer annotation", StandardCharsets.UTF_8)
                + "&_csrf=" + ConsoleSignIn.csrfOf(admin.get(PAGE).body()));
        assertThat(admin.get(PAGE).body()).contains("Published as version " + (before + 1));

        String diff = admin.get(PAGE + "/diff?from=" + before + "&to=" + (before + 1)).body();

        assertThat(diff).contains("Changes from version", "Rule 5 changed: Rule_DaysSupplyOverLimit",
                "Annotation: “Pharmacy dispensing policy", "→ “Reworded Pharmacy dispensing policy");
    }

    /** Opens the editor (which starts a draft) and returns the page. */
    private String editor() {
        admin.postForm(PAGE + "/draft", "_csrf=" + ConsoleSignIn.csrfOf(admin.get(PAGE).body()));
        return admin.get(PAGE + "/edit").body();
    }

    /** The editor's form as the page holds it, with rule 5's days supply cell set to a value. */
    private String form(String editor, String daysSupply) {
        JsonNode table = api.get(Demo.ADMIN, "/api/rules/decisions/" + KEY + "/draft").json().get("table");
        StringBuilder form = new StringBuilder("_csrf=" + ConsoleSignIn.csrfOf(editor)
                + "&hitPolicy=" + table.get("hitPolicy").asText());
        for (int r = 0; r < table.get("rules").size(); r++) {
            JsonNode rule = table.get("rules").get(r);
            String prefix = "rules%5B" + r + "%5D.";
            form.append('&').append(prefix).append("id=").append(encode(rule.get("id").asText()));
            form.append('&').append(prefix).append("annotation=").append(encode(rule.get("annotation").asText()));
            int c = 0;
            for (JsonNode cell : rule.get("inputEntries")) {
                String value = r == 4 && c == 5 ? daysSupply : cell.asText();
                form.append('&').append(prefix).append("cells%5B").append(c++).append("%5D=").append(encode(value));
            }
            for (JsonNode cell : rule.get("outputEntries")) {
                form.append('&').append(prefix).append("cells%5B").append(c++).append("%5D=")
                        .append(encode(cell.asText()));
            }
        }
        return form.toString();
    }

    private void discardDraft() {
        api.exchange(Demo.ADMIN, HttpMethod.DELETE, "/api/rules/decisions/" + KEY + "/draft", null, Map.of());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
