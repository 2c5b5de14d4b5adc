package org.pestle.rules.internal;

import java.time.Instant;
import java.util.Optional;

import org.pestle.platform.DataScope;
import org.pestle.rules.RuleTables.Table;
import org.pestle.rules.ShippedDecisionPending;
import org.pestle.rules.internal.RuleStore.ReleaseRow;
import org.pestle.rules.internal.RuleStore.TableRow;
import org.pestle.rules.internal.RuleStore.VersionRow;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings one shipped table into force, or not: a table new to this database is deployed; a changed shipped table
 * is deployed only while the version in force is the previously shipped one; otherwise the admin's version stays in
 * force and the shipped table waits in the console to be merged. A shipped table seen before changes nothing.
 */
@Service
class ShippedTableSync {

    static final String ACTOR = "system:rules-release";

    private final RuleStore store;
    private final VersionRecorder versions;
    private final DecisionDeployments deployments;
    private final DataScope dataScope;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    ShippedTableSync(RuleStore store, VersionRecorder versions, DecisionDeployments deployments, DataScope dataScope,
            JdbcClient jdbc, ApplicationEventPublisher events) {
        this.store = store;
        this.versions = versions;
        this.deployments = deployments;
        this.dataScope = dataScope;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Returns what was done, in words. */
    @Transactional
    String sync(String resourceName, String xml, String testsJson) {
        dataScope.enterSystem(ACTOR);
        // One node at a time (nodes of a cluster start together).
        jdbc.sql("select pg_advisory_xact_lock(hashtext('pestle-rules-release'))").query().singleRow();
        Table shipped = DmnTables.read(xml);
        String key = shipped.decisionKey();
        String hash = DmnTables.fingerprint(shipped);
        Optional<TableRow> known = store.table(key);
        if (known.isEmpty()) {
            store.insertTable(key, resourceName, shipped.name());
            TableRow table = store.table(key).orElseThrow();
            Optional<DecisionDeployments.Latest> latest = deployments.latest(key);
            String outcome;
            if (latest.isPresent() && DmnTables.fingerprint(DmnTables.read(latest.get().xml())).equals(hash)) {
                versions.adopt(table, latest.get(), "Shipped with the application (deployed before)");
                outcome = "recorded version " + latest.get().version() + " as shipped";
            } else {
                int version = versions.deploy(table, xml, "SHIPPED", "Shipped with the application", ACTOR, null,
                        null);
                outcome = "deployed as version " + version;
            }
            store.insertRelease(key, hash, xml, testsJson, "APPLIED");
            versions.replaceShippedTestCases(key, testsJson);
            return outcome;
        }
        Optional<ReleaseRow> seen = store.release(key, hash);
        if (seen.isPresent()) {
            return "unchanged (" + seen.get().status().toLowerCase() + ")";
        }
        TableRow table = known.get();
        VersionRow inForce = store.inForce(key).orElseThrow();
        Optional<ReleaseRow> lastShipped = store.lastResolvedRelease(key);
        boolean adminVersionInForce = lastShipped.map(r -> !r.contentHash().equals(inForce.contentHash()))
                .orElse(true);
        if (!adminVersionInForce) {
            store.dropPendingRelease(key);
            int version = versions.deploy(table, xml, "SHIPPED", "Shipped with a new release", ACTOR, null, null);
            store.insertRelease(key, hash, xml, testsJson, "APPLIED");
            versions.replaceShippedTestCases(key, testsJson);
            return "new shipped table deployed as version " + version;
        }
        store.dropPendingRelease(key);
        store.insertRelease(key, hash, xml, testsJson, "PENDING");
        events.publishEvent(new ShippedDecisionPending(key, inForce.version(), Instant.now()));
        return "an admin's version " + inForce.version() + " stays in force; the shipped change waits to be merged";
    }
}
