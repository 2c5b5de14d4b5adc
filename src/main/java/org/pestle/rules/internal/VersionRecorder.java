package org.pestle.rules.internal;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pestle.rules.internal.RuleStore.TableRow;
import org.pestle.rules.internal.RuleStore.VersionRow;
import org.springframework.stereotype.Component;

/**
 * Deploys a table as a new decision version and records it with who, when, why and its content; replaces a table's
 * shipped test cases. Runs in the caller's transaction, so the deployment and the record commit together.
 */
@Component
class VersionRecorder {

    private final RuleStore store;
    private final DecisionDeployments deployments;
    private final ObjectMapper json;

    VersionRecorder(RuleStore store, DecisionDeployments deployments, ObjectMapper json) {
        this.store = store;
        this.deployments = deployments;
        this.json = json;
    }

    int deploy(TableRow table, String xml, String origin, String comment, String by, String approvedBy,
            Integer restoredFrom) {
        DecisionDeployments.Deployed deployed = deployments.deploy(table.decisionKey(), table.resourceName(), xml);
        store.insertVersion(new VersionRow(table.decisionKey(), deployed.version(), deployed.definitionId(), origin,
                xml, DmnTables.fingerprint(DmnTables.read(xml)), comment, by, approvedBy, restoredFrom,
                Instant.now()), deployed.deploymentId());
        return deployed.version();
    }

    /** Records a version Camunda already has (a table deployed before Pestle kept versions). */
    void adopt(TableRow table, DecisionDeployments.Latest latest, String comment) {
        store.insertVersion(new VersionRow(table.decisionKey(), latest.version(), latest.definitionId(), "SHIPPED",
                latest.xml(), DmnTables.fingerprint(DmnTables.read(latest.xml())), comment, "system:release", null,
                null, Instant.now()), latest.deploymentId());
    }

    /** Replaces the test cases a release shipped (an admin's case of the same name is kept). */
    void replaceShippedTestCases(String decisionKey, String testsJson) {
        store.deleteShippedTestCases(decisionKey);
        if (testsJson == null) {
            return;
        }
        try {
            for (ShippedTestCase test : json.readValue(testsJson, ShippedTestCase[].class)) {
                if (!store.hasTestCase(decisionKey, test.name())) {
                    store.saveTestCase(decisionKey, test.name(), json.writeValueAsString(test.inputs()),
                            json.writeValueAsString(test.expected() == null ? Map.of() : test.expected()), "SHIPPED",
                            "system:release");
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The shipped test cases of " + decisionKey + " are not valid JSON", e);
        }
    }

    /** A test case as shipped next to a table in {@code decisions/<name>.tests.json}. */
    record ShippedTestCase(String name, Map<String, Object> inputs, Map<String, Object> expected) {
    }
}
