package org.pestle.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.springframework.http.HttpMethod;

/**
 * Edits decision tables through the rules API as the demo pharmacy admin, and puts the shipped order-eligibility
 * rules back in force after a test (the application and its database are shared by all integration tests).
 */
final class RuleTablesFixture {

    static final String ELIGIBILITY = "Decision_OrderEligibility";
    static final String PATH = "/api/rules/decisions/";
    /** Rule 5 of the shipped table: days supply over 90 is rejected; column 5 is Days supply, 8 the reason. */
    static final int DAYS_SUPPLY_RULE = 4;
    static final int DAYS_SUPPLY_COLUMN = 5;

    private final Api api;

    RuleTablesFixture(Api api) {
        this.api = api;
    }

    /** The table in force as JSON. */
    ObjectNode inForce(String key) {
        Api.Response response = api.get(Demo.ADMIN, PATH + key);
        assertThat(response.status()).isEqualTo(200);
        return (ObjectNode) response.json();
    }

    /** The table in force with one cell changed (column index over inputs, then outputs). */
    ObjectNode withCell(String key, int rule, int column, String value) {
        ObjectNode table = inForce(key);
        setCell(table, rule, column, value);
        return table;
    }

    static void setCell(ObjectNode table, int rule, int column, String value) {
        ObjectNode r = (ObjectNode) table.withArray("rules").get(rule);
        int inputs = r.get("inputEntries").size();
        if (column < inputs) {
            ((ArrayNode) r.get("inputEntries")).set(column, value);
        } else {
            ((ArrayNode) r.get("outputEntries")).set(column - inputs, value);
        }
    }

    Api.Response saveDraft(String user, String key, JsonNode table) {
        return api.exchange(user, HttpMethod.PUT, PATH + key + "/draft", table, Map.of());
    }

    Api.Response publish(String user, String key, String comment) {
        return api.post(user, PATH + key + "/publications", Map.of("comment", comment));
    }

    int versionInForce(String key) {
        return api.get(Demo.ADMIN, PATH + key + "/versions").json().get(0).get("version").asInt();
    }

    /** Discards any draft and the admins' test cases and, if the rules in force differ from the shipped version 1, restores it. */
    void restoreShipped(String key) {
        api.exchange(Demo.ADMIN, HttpMethod.DELETE, PATH + key + "/draft", null, Map.of());
        for (JsonNode test : api.get(Demo.ADMIN, PATH + key + "/tests").json()) {
            if (test.get("origin").asText().equals("ADMIN")) {
                api.exchange(Demo.ADMIN, HttpMethod.DELETE, PATH + key + "/tests/" + test.get("id").asText(), null,
                        Map.of());
            }
        }
        JsonNode versions = api.get(Demo.ADMIN, PATH + key + "/versions").json();
        int first = versions.get(versions.size() - 1).get("version").asInt();
        JsonNode shipped = api.get(Demo.ADMIN, PATH + key + "/versions/" + first).json();
        if (!shipped.equals(inForce(key))) {
            Api.Response restored = api.post(Demo.ADMIN, PATH + key + "/rollbacks",
                    Map.of("version", first, "comment", "Test over: the shipped rules again"));
            assertThat(restored.status()).isEqualTo(201);
        }
    }
}
