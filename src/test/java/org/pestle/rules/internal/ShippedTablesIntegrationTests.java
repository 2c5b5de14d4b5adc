package org.pestle.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.identity.Actor;
import org.pestle.identity.Role;
import org.pestle.console.ConsoleSignIn;
import org.pestle.rules.DecisionPublished;
import org.pestle.rules.DecisionRolledBack;
import org.pestle.rules.RuleTables;
import org.pestle.rules.ShippedDecisionPending;
import org.pestle.rules.RuleTables.Table;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Upgrades: a table shipped with a release is deployed at startup only while no admin has changed the table;
 * otherwise the admin's version stays in force and the console offers the shipped change to merge. Each test uses a
 * table of its own (a copy of order eligibility under another decision id), as a fresh installation would see it.
 */
@IntegrationTest
@RecordApplicationEvents
class ShippedTablesIntegrationTests {

    static final Actor ADMIN = new Actor(UUID.fromString("00000000-0000-4000-8000-0000000000a4"), Demo.ADMIN,
            UUID.fromString("00000000-0000-4000-8000-000000000001"), java.util.Set.of(Role.PHARMACY_ADMIN),
            java.util.Set.of());

    @Autowired
    ShippedTableSync sync;

    @Autowired
    RuleTables rules;

    @Autowired
    RepositoryService repository;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    String key;
    String resource;
    String shipped;

    @BeforeEach
    void aTableNewToThisDatabase() throws IOException {
        String suffix = "Upgrade" + UUID.randomUUID().toString().substring(0, 8);
        key = "Decision_" + suffix;
        resource = "decisions/" + suffix.toLowerCase() + ".dmn";
        shipped = copyOfOrderEligibility(suffix);
    }

    @Test
    void aNewTableIsDeployedWithItsShippedTestCases() {
        String outcome = sync.sync(resource, shipped, "[{\"name\": \"Long supply\", \"inputs\": {\"daysSupply\": 91},"
                + " \"expected\": {\"outcome\": \"reject\"}}]");

        assertThat(outcome).isEqualTo("deployed as version 1");
        assertThat(latestCamundaVersion()).isEqualTo(1);
        assertThat(rules.history(ADMIN, key)).singleElement().satisfies(v -> {
            assertThat(v.origin()).isEqualTo("SHIPPED");
            assertThat(v.createdBy()).isEqualTo("system:rules-release");
        });
        assertThat(rules.testCases(ADMIN, key)).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("Long supply");
            assertThat(t.origin()).isEqualTo("SHIPPED");
        });
    }

    @Test
    void theSameShippedTableAtTheNextStartChangesNothing() {
        sync.sync(resource, shipped, null);

        String outcome = sync.sync(resource, shipped, null);

        assertThat(outcome).isEqualTo("unchanged (applied)");
        assertThat(latestCamundaVersion()).isEqualTo(1);
        assertThat(rules.history(ADMIN, key)).hasSize(1);
    }

    @Test
    void aChangedShippedTableReplacesATableNoAdminChanged() {
        sync.sync(resource, shipped, null);

        String outcome = sync.sync(resource, release(Tables.withCell(DmnTables.read(shipped), 4, 5, "> 120")), null);

        assertThat(outcome).isEqualTo("new shipped table deployed as version 2");
        assertThat(latestCamundaVersion()).isEqualTo(2);
        assertThat(rules.inForce(ADMIN, key).rules().get(4).inputEntries().get(5)).isEqualTo("> 120");
    }

    @Test
    void aChangedShippedTableNeverOverwritesAnAdminsEditAndWaitsToBeMerged() {
        sync.sync(resource, shipped, null);
        Table base = DmnTables.read(shipped);
        rules.saveDraft(ADMIN, key, Tables.withCell(base, 4, 5, "> 60"));
        int adminVersion = rules.publish(ADMIN, key, "Pharmacy policy: 60 days at most").version();
        Table releaseTable = Tables.withCell(base, 8, 4, "> 2000");

        String outcome = sync.sync(resource, release(releaseTable), "[]");

        assertThat(outcome).isEqualTo("an admin's version 2 stays in force; the shipped change waits to be merged");
        assertThat(events.stream(DecisionPublished.class)).singleElement().satisfies(published -> {
            assertThat(published.decisionKey()).isEqualTo(key);
            assertThat(published.version()).isEqualTo(2);
            assertThat(published.previousVersion()).isEqualTo(1);
            assertThat(published.publishedBy()).isEqualTo(Demo.ADMIN);
        });
        assertThat(events.stream(ShippedDecisionPending.class)).singleElement()
                .satisfies(pending -> assertThat(pending.inForceVersion()).isEqualTo(2));
        assertThat(latestCamundaVersion()).isEqualTo(adminVersion);
        assertThat(rules.inForce(ADMIN, key).rules().get(4).inputEntries().get(5)).isEqualTo("> 60");
        assertThat(rules.list(ADMIN)).filteredOn(s -> s.decisionKey().equals(key)).singleElement()
                .satisfies(s -> assertThat(s.shippedChangePending()).isTrue());
        RuleTables.ShippedChange change = rules.shippedChange(ADMIN, key).orElseThrow();
        assertThat(change.releaseChanges()).singleElement().satisfies(c -> {
            assertThat(c.ruleId()).isEqualTo("Rule_LargeQuantity");
            assertThat(c.details()).containsExactly("Quantity: > 1000 → > 2000");
        });
        assertThat(sync.sync(resource, release(releaseTable), "[]")).isEqualTo("unchanged (pending)");
        WebSession admin = ConsoleSignIn.as(port, clock, Demo.ADMIN);
        assertThat(admin.get("/console/rules/" + key).body()).contains(
                "A new release ships a changed version of this table", "Quantity: &gt; 1000 → &gt; 2000",
                "Merge it into a draft", "Keep my version");
        assertThat(admin.get("/console/rules").body()).contains("shipped change to merge");

        RuleTables.Draft merged = rules.mergeShippedChange(ADMIN, key);

        assertThat(merged.mergeConflicts()).isEmpty();
        assertThat(merged.table().rules().get(4).inputEntries().get(5)).isEqualTo("> 60");
        assertThat(merged.table().rules().get(8).inputEntries().get(4)).isEqualTo("> 2000");
        int mergedVersion = rules.publish(ADMIN, key, "Merged the release's quantity limit").version();
        assertThat(latestCamundaVersion()).isEqualTo(mergedVersion);
        assertThat(rules.shippedChange(ADMIN, key)).isEmpty();
        assertThat(jdbc.sql("select status from rule_release where decision_key = ? and status <> 'APPLIED'")
                .param(key).query(String.class).single()).isEqualTo("MERGED");
    }

    @Test
    void whereBothChangedTheSameRuleTheAdminsRuleIsKeptAndTheConflictNamed() {
        sync.sync(resource, shipped, null);
        Table base = DmnTables.read(shipped);
        rules.saveDraft(ADMIN, key, Tables.withCell(base, 4, 5, "> 60"));
        rules.publish(ADMIN, key, "60 days");
        sync.sync(resource, release(Tables.withCell(base, 4, 5, "> 120")), null);

        RuleTables.Draft merged = rules.mergeShippedChange(ADMIN, key);

        assertThat(merged.table().rules().get(4).inputEntries().get(5)).isEqualTo("> 60");
        assertThat(merged.mergeConflicts()).containsExactly(
                "Both you and the release changed Rule_DaysSupplyOverLimit: your rule is kept");
    }

    @Test
    void keepingTheOwnVersionSetsTheShippedChangeAside() {
        sync.sync(resource, shipped, null);
        Table base = DmnTables.read(shipped);
        rules.saveDraft(ADMIN, key, Tables.withCell(base, 4, 5, "> 60"));
        rules.publish(ADMIN, key, "60 days");
        sync.sync(resource, release(Tables.withCell(base, 8, 4, "> 2000")), null);

        rules.keepOwnVersion(ADMIN, key);

        assertThat(rules.shippedChange(ADMIN, key)).isEmpty();
        assertThat(rules.inForce(ADMIN, key).rules().get(4).inputEntries().get(5)).isEqualTo("> 60");
    }

    @Test
    void aRollbackDeploysTheOldContentAsANewVersionAndSaysSo() {
        sync.sync(resource, shipped, null);
        rules.saveDraft(ADMIN, key, Tables.withCell(DmnTables.read(shipped), 4, 5, "> 60"));
        rules.publish(ADMIN, key, "60 days");

        int restored = rules.rollback(ADMIN, key, 1, "Back to 90 days").version();

        assertThat(restored).isEqualTo(3);
        assertThat(latestCamundaVersion()).isEqualTo(3);
        assertThat(rules.inForce(ADMIN, key)).isEqualTo(DmnTables.read(shipped));
        assertThat(events.stream(DecisionRolledBack.class)).singleElement().satisfies(rolledBack -> {
            assertThat(rolledBack.version()).isEqualTo(3);
            assertThat(rolledBack.restoredVersion()).isEqualTo(1);
            assertThat(rolledBack.previousVersion()).isEqualTo(2);
        });
        assertThat(rules.diff(ADMIN, key, 2, 3).changes()).singleElement()
                .satisfies(change -> assertThat(change.details()).containsExactly("Days supply: > 60 → > 90"));
    }

    private int latestCamundaVersion() {
        return repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult()
                .getVersion();
    }

    private String release(Table table) {
        return DmnTables.write(shipped, table);
    }

    /** decisions/order-eligibility.dmn under other ids (a test fixture: the ids are renamed as text). */
    static String copyOfOrderEligibility(String suffix) throws IOException {
        try (InputStream in = ShippedTablesIntegrationTests.class.getResourceAsStream(
                "/decisions/order-eligibility.dmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("OrderEligibility", suffix);
        }
    }
}
