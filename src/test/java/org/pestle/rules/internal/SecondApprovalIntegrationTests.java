package org.pestle.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.rules.RuleTables;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;

/**
 * Where the rules say so (pestle.rules.second-approval; here Decision_FourEyesExample, set in the tests'
 * config/application.yml), a change is published only when a second pharmacy admin approves it.
 */
@IntegrationTest
class SecondApprovalIntegrationTests {

    static final String KEY = "Decision_FourEyesExample";
    static final String PATH = "/api/rules/decisions/" + KEY;

    @Autowired
    ShippedTableSync sync;

    @Autowired
    RuleTables rules;

    @Autowired
    RepositoryService repository;

    @Autowired
    TestRestTemplate http;

    Api api;

    @BeforeEach
    void theFourEyesTableIsDeployed() throws IOException {
        sync.sync("decisions/four-eyes-example.dmn", ShippedTablesIntegrationTests.copyOfOrderEligibility(
                "FourEyesExample"), null);
        api = new Api(http);
        api.exchange(Demo.ADMIN, HttpMethod.DELETE, PATH + "/draft", null, Map.of());
    }

    @Test
    void aChangeWaitsForASecondAdminWhoIsNotTheSubmitter() {
        assertThat(rules.needsSecondApproval(KEY)).isTrue();
        JsonNode table = api.get(Demo.ADMIN, PATH).json();
        String limit = table.at("/rules/4/inputEntries/5").asText().equals("> 90") ? "> 80" : "> 90";
        ((com.fasterxml.jackson.databind.node.ArrayNode) table.at("/rules/4/inputEntries")).set(5, limit);
        assertThat(api.exchange(Demo.ADMIN, HttpMethod.PUT, PATH + "/draft", table, Map.of()).status())
                .isEqualTo(200);
        int before = latestVersion();

        Api.Response submitted = api.post(Demo.ADMIN, PATH + "/publications", Map.of("comment", "Shorter fills"));

        assertThat(submitted.status()).isEqualTo(202);
        assertThat(submitted.json().get("awaitingApproval").asBoolean()).isTrue();
        assertThat(latestVersion()).isEqualTo(before);
        Api.Response selfApproval = api.post(Demo.ADMIN, PATH + "/approvals", null);
        assertThat(selfApproval.status()).isEqualTo(403);
        assertThat(selfApproval.json().get("type").asText()).isEqualTo("urn:pestle:problem:second-admin-required");
        assertThat(api.post(Demo.PHARMACIST, PATH + "/approvals", null).status()).isEqualTo(403);
        assertThat(latestVersion()).isEqualTo(before);

        Api.Response approved = api.post("admin2", PATH + "/approvals", null);

        assertThat(approved.status()).isEqualTo(201);
        assertThat(latestVersion()).isEqualTo(approved.json().get("version").asInt()).isGreaterThan(before);
        JsonNode version = api.get(Demo.ADMIN, PATH + "/versions").json().get(0);
        assertThat(version.get("createdBy").asText()).isEqualTo(Demo.ADMIN);
        assertThat(version.get("approvedBy").asText()).isEqualTo("admin2");
        assertThat(version.get("comment").asText()).isEqualTo("Shorter fills");
        assertThat(api.get(Demo.ADMIN, PATH).json().at("/rules/4/inputEntries/5").asText()).isEqualTo(limit);
    }

    @Test
    void savingTheDraftAgainWithdrawsTheSubmission() {
        JsonNode table = api.get(Demo.ADMIN, PATH).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) table.at("/rules/4")).put("annotation", "Submitted once");
        api.exchange(Demo.ADMIN, HttpMethod.PUT, PATH + "/draft", table, Map.of());
        api.post(Demo.ADMIN, PATH + "/publications", Map.of("comment", "Reworded"));

        ((com.fasterxml.jackson.databind.node.ObjectNode) table.at("/rules/4")).put("annotation", "Changed after");
        api.exchange(Demo.ADMIN, HttpMethod.PUT, PATH + "/draft", table, Map.of());

        assertThat(api.get(Demo.ADMIN, PATH + "/draft").json().has("submittedBy")).isFalse();
        assertThat(api.post("admin2", PATH + "/approvals", null).status()).isEqualTo(409);
    }

    private int latestVersion() {
        return repository.createDecisionDefinitionQuery().decisionDefinitionKey(KEY).latestVersion().singleResult()
                .getVersion();
    }
}
