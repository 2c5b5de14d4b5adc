package org.pestle.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.pestle.identity.Actor;

/**
 * The decision tables of {@code decisions/} as pharmacy admins see and change them. Every method checks that the
 * actor may edit rules ({@code Action.EDIT_RULES}) and fails with a 403 {@link org.pestle.platform.ApiProblem}
 * otherwise; refused changes fail with a 409 or 422 problem that names the fault and change nothing.
 */
public interface RuleTables {

    /** Every decision table, ordered by name. */
    List<Summary> list(Actor actor);

    /** The table in force (the latest deployed version). 404 problem if there is no such decision. */
    Table inForce(Actor actor, String decisionKey);

    /** The content of one recorded version. */
    Table version(Actor actor, String decisionKey, int version);

    /** The actor's pharmacy's draft of the table, if one is open. */
    Optional<Draft> draft(Actor actor, String decisionKey);

    /** Opens a draft from the table in force (or returns the open one). */
    Draft startDraft(Actor actor, String decisionKey);

    /**
     * Saves an edited draft after checking it (the DMN parses, every cell evaluates on sample input, types match,
     * no duplicate rules under the UNIQUE hit policy). 422 problem listing every fault otherwise; nothing is saved.
     */
    Draft saveDraft(Actor actor, String decisionKey, Table edited);

    /** Checks an edited table without saving it. */
    List<Fault> check(Actor actor, String decisionKey, Table edited);

    /** Drops the open draft. */
    void discardDraft(Actor actor, String decisionKey);

    /** Evaluates the draft (or, without one, the table in force) on the given inputs, by input expression name. */
    Evaluation tryDraft(Actor actor, String decisionKey, Map<String, String> inputs);

    /** Runs every saved test case against the draft (or, without one, the table in force). */
    List<TestResult> runTests(Actor actor, String decisionKey);

    /** The saved test cases of a table. */
    List<TestCase> testCases(Actor actor, String decisionKey);

    /** Adds or replaces (by name) a test case; values by input expression name and output name, as text. */
    TestCase saveTestCase(Actor actor, String decisionKey, String name, Map<String, String> inputs,
            Map<String, String> expected);

    void deleteTestCase(Actor actor, String decisionKey, UUID testCaseId);

    /**
     * Publishes the draft: checked again, every test case must pass (409 otherwise), the comment is required. Where
     * the table needs a second admin's approval, the draft waits for it instead.
     */
    Publication publish(Actor actor, String decisionKey, String comment);

    /** A second admin approves a submitted draft, which is then published (the submitter cannot approve). */
    Publication approve(Actor actor, String decisionKey);

    /** Deploys the content of an earlier version as a new version, in one step, with a required comment. */
    Publication rollback(Actor actor, String decisionKey, int version, String comment);

    /** Every recorded version, newest first. */
    List<Version> history(Actor actor, String decisionKey);

    /** What changed between two recorded versions, in words. */
    Diff diff(Actor actor, String decisionKey, int fromVersion, int toVersion);

    /** The running orders a new version would decide: those waiting at a step that evaluates the decision. */
    Affected affected(Actor actor, String decisionKey);

    /** A changed table shipped by a release while an admin's version is in force, if one waits. */
    Optional<ShippedChange> shippedChange(Actor actor, String decisionKey);

    /**
     * Opens a draft that merges the shipped change into the version in force, rule by rule (the admin's changes win
     * where both changed the same rule; those rules are listed). Publishing the draft resolves the shipped change.
     */
    Draft mergeShippedChange(Actor actor, String decisionKey);

    /** Keeps the admin's version and marks the shipped change as seen. */
    void keepOwnVersion(Actor actor, String decisionKey);

    /** Whether publishing this table needs a second admin's approval. */
    boolean needsSecondApproval(String decisionKey);

    /**
     * A decision table.
     *
     * @param decisionKey decision id, e.g. {@code Decision_OrderEligibility}
     * @param name the decision's name
     * @param hitPolicy UNIQUE, FIRST, ANY, COLLECT or RULE ORDER
     * @param inputs the input columns
     * @param outputs the output columns
     * @param rules the rules in order
     */
    record Table(String decisionKey, String name, String hitPolicy, List<Column> inputs, List<Column> outputs,
            List<Rule> rules) {

        public Table {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            rules = List.copyOf(rules);
        }

        public Table withRules(String newHitPolicy, List<Rule> newRules) {
            return new Table(decisionKey, name, newHitPolicy, inputs, outputs, newRules);
        }
    }

    /**
     * A column.
     *
     * @param id the DMN element id
     * @param label the column's label
     * @param name the input expression (inputs) or output name (outputs): the variable it reads or writes
     * @param typeRef string, boolean, integer, long, double or date
     * @param allowedValues the listed values of the column, if any (as FEEL literals)
     */
    record Column(String id, String label, String name, String typeRef, List<String> allowedValues) {

        public Column {
            allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
        }
    }

    /**
     * A rule.
     *
     * @param id the rule's id (new rules get one when saved)
     * @param annotation why the rule exists
     * @param inputEntries one condition per input column (empty: any value)
     * @param outputEntries one value per output column
     */
    record Rule(String id, String annotation, List<String> inputEntries, List<String> outputEntries) {

        public Rule {
            inputEntries = List.copyOf(inputEntries);
            outputEntries = List.copyOf(outputEntries);
        }
    }

    /**
     * One fault of an edited table.
     *
     * @param rule 0-based index of the rule at fault, or -1 for the whole table
     * @param column 0-based index of the cell's column (inputs first, then outputs), or -1 for the whole rule
     * @param message what is wrong, in words
     */
    record Fault(int rule, int column, String message) {
    }

    /** An open draft: the edited table, the version it started from, who last saved it. */
    record Draft(Table table, int baseVersion, String updatedBy, Instant updatedAt, boolean mergesShippedChange,
            List<String> mergeConflicts, String submittedBy, String submittedComment) {

        public boolean awaitingApproval() {
            return submittedBy != null;
        }
    }

    /** A table in the list. */
    record Summary(String decisionKey, String name, int version, String publishedBy, Instant publishedAt,
            boolean draftOpen, boolean awaitingApproval, boolean shippedChangePending) {
    }

    /** The outcome of evaluating a table: the matched rules' ids and the result rows, or the error. */
    record Evaluation(List<String> matchedRules, List<Map<String, Object>> results, String error) {
    }

    /** A saved test case: inputs and expected outputs (no expected outputs: no rule may match). */
    record TestCase(UUID id, String name, Map<String, Object> inputs, Map<String, Object> expected, String origin) {
    }

    /** One test case run against a table. */
    record TestResult(TestCase testCase, boolean passed, Evaluation actual) {
    }

    /** A recorded version: who made it, when, why. */
    record Version(int version, String origin, String comment, String createdBy, String approvedBy,
            Integer restoredFrom, Instant createdAt) {
    }

    /** The result of a publish, approval or rollback: the new version, or that the change waits for approval. */
    record Publication(Integer version, boolean awaitingApproval) {
    }

    /** Differences between two versions of a table. */
    record Diff(String decisionKey, int fromVersion, int toVersion, List<Change> changes) {
    }

    /**
     * One difference.
     *
     * @param kind TABLE, ADDED, REMOVED, CHANGED or MOVED
     * @param ruleId the rule concerned, if any
     * @param description in words
     * @param details cell by cell: "column: before → after"
     */
    record Change(String kind, String ruleId, String description, List<String> details) {
    }

    /** Running orders (process business keys) waiting at a step that evaluates the decision. */
    record Affected(List<String> steps, List<String> waitingOrders) {
    }

    /** A changed table shipped by a release while an admin's version is in force. */
    record ShippedChange(Table shipped, List<Change> releaseChanges, List<Change> againstInForce, Instant seenAt) {
    }
}
