package org.pestle.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pestle.rules.RuleTablesFixture.DAYS_SUPPLY_COLUMN;
import static org.pestle.rules.RuleTablesFixture.DAYS_SUPPLY_RULE;
import static org.pestle.rules.RuleTablesFixture.ELIGIBILITY;
import static org.pestle.rules.RuleTablesFixture.PATH;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.console.ConsoleSignIn;
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
 * Pharmacy admins change the order-eligibility rules through the rules API: edits are checked, saved test cases
 * guard publishing, a published version decides the next order at once, every version can be compared and rolled
 * back, and nobody else may see or change rules.
 */
@IntegrationTest
class RuleTablesIntegrationTests {

    static final String LIST = "/api/rules/decisions";

    @Autowired
    TestRestTemplate http;

    @Autowired
    RepositoryService repository;

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    Api api;
    RuleTablesFixture rules;

    @BeforeEach
    void setUp() {
        api = new Api(http);
        rules = new RuleTablesFixture(api);
        rules.restoreShipped(ELIGIBILITY);
    }

    @AfterEach
    void restoreTheShippedRules() {
        rules.restoreShipped(ELIGIBILITY);
    }

    @Test
    void listsEveryDecisionTableWithTheVersionInForce() {
        JsonNode tables = api.get(Demo.ADMIN, LIST).json();

        assertThat(tables.findValuesAsText("decisionKey")).contains(ELIGIBILITY);
        JsonNode table = rules.inForce(ELIGIBILITY);
        assertThat(table.get("hitPolicy").asText()).isEqualTo("FIRST");
        assertThat(table.get("rules")).hasSize(10);
        assertThat(table.at("/rules/4/annotation").asText()).startsWith("Pharmacy dispensing policy");
    }

    @Test
    void nobodyButPharmacyAdminsSeesOrChangesRules() {
        for (String user : List.of(Demo.PHARMACIST, Demo.TECHNICIAN, Demo.OPERATOR, Demo.REYES, Demo.CLINIC_ADMIN)) {
            assertThat(api.get(user, LIST).status()).as(user).isEqualTo(403);
            assertThat(api.get(user, PATH + ELIGIBILITY).status()).as(user).isEqualTo(403);
            assertThat(rules.saveDraft(user, ELIGIBILITY, rules.inForce(ELIGIBILITY)).status()).as(user).isEqualTo(403);
            assertThat(rules.publish(user, ELIGIBILITY, "no").status()).as(user).isEqualTo(403);
        }
        assertThat(api.get(null, LIST).status()).isEqualTo(401);
        WebSession pharmacist = ConsoleSignIn.as(port, clock, Demo.PHARMACIST);
        assertThat(pharmacist.get("/console/rules").statusCode()).isEqualTo(403);
        assertThat(pharmacist.get("/console/rules/" + ELIGIBILITY).statusCode()).isEqualTo(403);
        assertThat(pharmacist.get("/console/clinics").statusCode()).isEqualTo(403);
    }

    @Test
    void refusesACellThatIsNotValidFeelAndSavesNothing() {
        Api.Response refused = rules.saveDraft(Demo.ADMIN, ELIGIBILITY,
                rules.withCell(ELIGIBILITY, DAYS_SUPPLY_RULE, DAYS_SUPPLY_COLUMN, "> > 90"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:pestle:problem:invalid-decision-table");
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("rules[4].cells[5]");
        assertThat(refused.json().at("/errors/0/message").asText()).startsWith("Cannot be evaluated on integer");
        assertThat(api.get(Demo.ADMIN, PATH + ELIGIBILITY + "/draft").status()).isEqualTo(404);
    }

    @Test
    void refusesACellOfTheWrongType() {
        Api.Response refused = rules.saveDraft(Demo.ADMIN, ELIGIBILITY,
                rules.withCell(ELIGIBILITY, DAYS_SUPPLY_RULE, DAYS_SUPPLY_COLUMN, "\"ninety\""));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("rules[4].cells[5]");
    }

    @Test
    void refusesDuplicateRulesUnderTheUniqueHitPolicy() {
        ObjectNode table = rules.inForce(ELIGIBILITY);
        table.put("hitPolicy", "UNIQUE");
        ArrayNode ruleList = table.withArray("rules");
        ObjectNode copy = ruleList.get(DAYS_SUPPLY_RULE).deepCopy();
        copy.putNull("id");
        ruleList.add(copy);

        Api.Response refused = rules.saveDraft(Demo.ADMIN, ELIGIBILITY, table);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").findValuesAsText("message")).contains(
                "Has the same conditions as rule 5: under the UNIQUE hit policy only one rule may match");
    }

    @Test
    void aFailingTestCaseBlocksPublishing() {
        assertThat(rules.saveDraft(Demo.ADMIN, ELIGIBILITY,
                rules.withCell(ELIGIBILITY, DAYS_SUPPLY_RULE, DAYS_SUPPLY_COLUMN, "> 100")).status()).isEqualTo(200);
        int before = rules.versionInForce(ELIGIBILITY);

        JsonNode results = api.post(Demo.ADMIN, PATH + ELIGIBILITY + "/draft/test-runs", null).json();
        Api.Response refused = rules.publish(Demo.ADMIN, ELIGIBILITY, "Allow up to 100 days");

        assertThat(results.findValues("passed").stream().filter(p -> !p.asBoolean())).hasSize(1);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:pestle:problem:tests-failing");
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("tests.Days supply over 90");
        assertThat(rules.versionInForce(ELIGIBILITY)).isEqualTo(before);
    }

    @Test
    void publishingNeedsAComment() {
        rules.saveDraft(Demo.ADMIN, ELIGIBILITY, rules.withCell(ELIGIBILITY, DAYS_SUPPLY_RULE, 8, "\"Too long\""));

        Api.Response refused = rules.publish(Demo.ADMIN, ELIGIBILITY, "  ");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("comment");
    }

    @Test
    void aPublishedVersionDecidesTheNextOrderAndARollbackRestoresTheOldRule() {
        ObjectNode table = rules.inForce(ELIGIBILITY);
        ObjectNode longSupply = table.withArray("rules").get(DAYS_SUPPLY_RULE).deepCopy();
        longSupply.putNull("id");
        longSupply.put("annotation", "Pharmacy policy: long supplies for clinics without a formulary are reviewed");
        longSupply.set("inputEntries", table.arrayNode().add("false").add("").add("").add("").add("").add("> 60")
                .add(""));
        longSupply.set("outputEntries", table.arrayNode().add("\"review\"")
                .add("\"Long supply for a clinic without a formulary\""));
        table.withArray("rules").insert(9, longSupply);
        assertThat(rules.saveDraft(Demo.ADMIN, ELIGIBILITY, table).status()).isEqualTo(200);
        Api.Response testCase = api.post(Demo.ADMIN, PATH + ELIGIBILITY + "/tests", Map.of("name",
                "Long supply at a clinic without a formulary", "inputs", Map.of("approvedCompoundsOnly", "false",
                        "compoundApprovedForClinic", "true", "controlledSchedule", "0", "prescriberHasDea", "false",
                        "quantity", "30", "daysSupply", "61", "refillsAuthorized", "0"),
                "expected", Map.of("outcome", "review", "reason", "Long supply for a clinic without a formulary")));
        assertThat(testCase.status()).isEqualTo(201);
        int shipped = rules.versionInForce(ELIGIBILITY);

        Api.Response published = rules.publish(Demo.ADMIN, ELIGIBILITY, "Review long supplies at Lakeside-like clinics");

        assertThat(published.status()).isEqualTo(201);
        int version = published.json().get("version").asInt();
        assertThat(version).isGreaterThan(shipped);
        assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey(ELIGIBILITY).latestVersion()
                .singleResult().getVersion()).isEqualTo(version);
        JsonNode latest = api.get(Demo.ADMIN, PATH + ELIGIBILITY + "/versions").json().get(0);
        assertThat(latest.get("createdBy").asText()).isEqualTo(Demo.ADMIN);
        assertThat(latest.get("comment").asText()).isEqualTo("Review long supplies at Lakeside-like clinics");
        JsonNode decided = lakesideOrderOf(61);
        assertThat(decided.get("eligibility").asText()).isEqualTo("review");
        assertThat(decided.at("/lines/0/eligibilityReason").asText()).isEqualTo(
                "Long supply for a clinic without a formulary");

        Api.Response rolledBack = api.post(Demo.ADMIN, PATH + ELIGIBILITY + "/rollbacks",
                Map.of("version", shipped, "comment", "Back to the shipped rules"));

        assertThat(rolledBack.status()).isEqualTo(201);
        assertThat(rolledBack.json().get("version").asInt()).isEqualTo(version + 1);
        assertThat(rules.inForce(ELIGIBILITY)).isEqualTo(api.get(Demo.ADMIN, PATH + ELIGIBILITY + "/versions/"
                + shipped).json());
        JsonNode restored = api.get(Demo.ADMIN, PATH + ELIGIBILITY + "/versions").json().get(0);
        assertThat(restored.get("origin").asText()).isEqualTo("ROLLBACK");
        assertThat(restored.get("restoredFrom").asInt()).isEqualTo(shipped);
        assertThat(lakesideOrderOf(61).get("eligibility").asText()).isEqualTo("accept");
    }

    @Test
    void showsWhatChangedBetweenTwoVersions() {
        ObjectNode table = rules.inForce(ELIGIBILITY);
        ((ObjectNode) table.withArray("rules").get(DAYS_SUPPLY_RULE)).put("annotation", "At most 90 days per fill");
        ArrayNode ruleList = table.withArray("rules");
        ruleList.insert(0, ruleList.remove(8));
        rules.saveDraft(Demo.ADMIN, ELIGIBILITY, table);
        int from = rules.versionInForce(ELIGIBILITY);
        int to = rules.publish(Demo.ADMIN, ELIGIBILITY, "Clearer reason; large quantities first").json()
                .get("version").asInt();

        JsonNode diff = api.get(Demo.ADMIN, PATH + ELIGIBILITY + "/diff?from=" + from + "&to=" + to).json();

        assertThat(diff.get("changes").findValuesAsText("kind")).containsExactlyInAnyOrder("CHANGED", "MOVED");
        JsonNode changed = diff.get("changes").get(1);
        assertThat(changed.get("ruleId").asText()).isEqualTo("Rule_DaysSupplyOverLimit");
        assertThat(changed.at("/details/0").asText()).isEqualTo("Annotation: “Pharmacy dispensing policy: a single "
                + "fill may not exceed a 90-day supply.” → “At most 90 days per fill”");
        assertThat(diff.get("changes").get(0).get("ruleId").asText()).isEqualTo("Rule_LargeQuantity");
    }

    @Test
    void tryingAnInputNamesTheRuleThatMatches() {
        JsonNode evaluation = api.post(Demo.ADMIN, PATH + ELIGIBILITY + "/draft/evaluate", Map.of(
                "approvedCompoundsOnly", "yes", "compoundApprovedForClinic", "no", "controlledSchedule", "0",
                "prescriberHasDea", "no", "quantity", "10", "daysSupply", "30", "refillsAuthorized", "0")).json();

        assertThat(evaluation.get("matchedRules").get(0).asText()).isEqualTo("Rule_CompoundNotApprovedForClinic");
        assertThat(evaluation.at("/results/0/outcome").asText()).isEqualTo("reject");

        Api.Response badInput = api.post(Demo.ADMIN, PATH + ELIGIBILITY + "/draft/evaluate",
                Map.of("daysSupply", "thirty"));
        assertThat(badInput.status()).isEqualTo(422);
        assertThat(badInput.json().at("/errors/0/field").asText()).isEqualTo("inputs.daysSupply");
    }

    @Test
    void theWaitingOrdersAndTheStepThatEvaluatesTheDecisionAreNamed() {
        JsonNode affected = api.get(Demo.ADMIN, PATH + ELIGIBILITY + "/affected").json();

        assertThat(affected.get("steps").get(0).asText()).endsWith("Check order eligibility");
    }

    private JsonNode lakesideOrderOf(int daysSupply) {
        Api.Response created = api.post(Demo.OKAFOR, "/api/orders", order(Demo.LAKESIDE, Demo.PATIENT_LAKESIDE,
                line(Demo.TRETINOIN, 30, daysSupply, 0)));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        return await().atMost(Duration.ofSeconds(20)).until(() -> api.get(Demo.OKAFOR, "/api/orders/" + id).json(),
                order -> !order.get("status").asText().equals("SUBMITTED"));
    }
}
