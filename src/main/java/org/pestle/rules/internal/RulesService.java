package org.pestle.rules.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.Permissions;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.ApiProblem.FieldError;
import org.pestle.rules.DecisionPublished;
import org.pestle.rules.DecisionRolledBack;
import org.pestle.rules.RuleTables;
import org.pestle.rules.TableFaults;
import org.pestle.rules.internal.RuleStore.DraftRow;
import org.pestle.rules.internal.RuleStore.ReleaseRow;
import org.pestle.rules.internal.RuleStore.TableRow;
import org.pestle.rules.internal.RuleStore.TestCaseRow;
import org.pestle.rules.internal.RuleStore.VersionRow;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The rules console's workings: drafts, checks, test cases, publishing, approval, rollback, shipped changes. */
@Service
@Transactional
class RulesService implements RuleTables {

    static final int MAX_COMMENT = 1000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final RuleStore store;
    private final TableChecks checks;
    private final DecisionDeployments deployments;
    private final Permissions permissions;
    private final RulesProperties properties;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final VersionRecorder versions;

    RulesService(RuleStore store, TableChecks checks, DecisionDeployments deployments, Permissions permissions,
            RulesProperties properties, ApplicationEventPublisher events, ObjectMapper json, VersionRecorder versions) {
        this.store = store;
        this.checks = checks;
        this.deployments = deployments;
        this.permissions = permissions;
        this.properties = properties;
        this.events = events;
        this.json = json;
        this.versions = versions;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Summary> list(Actor actor) {
        permissions.require(actor, Action.EDIT_RULES);
        List<Summary> summaries = new ArrayList<>();
        for (TableRow table : store.tables()) {
            Optional<VersionRow> inForce = store.inForce(table.decisionKey());
            Optional<DraftRow> draft = store.draft(table.decisionKey());
            summaries.add(new Summary(table.decisionKey(), table.name(), inForce.map(VersionRow::version).orElse(0),
                    inForce.map(VersionRow::createdBy).orElse(null), inForce.map(VersionRow::createdAt).orElse(null),
                    draft.isPresent(), draft.map(d -> d.submittedBy() != null).orElse(false),
                    store.pendingRelease(table.decisionKey()).isPresent()));
        }
        return summaries;
    }

    @Override
    @Transactional(readOnly = true)
    public Table inForce(Actor actor, String decisionKey) {
        permissions.require(actor, Action.EDIT_RULES);
        return DmnTables.read(inForce(decisionKey).xml());
    }

    @Override
    @Transactional(readOnly = true)
    public Table version(Actor actor, String decisionKey, int version) {
        permissions.require(actor, Action.EDIT_RULES);
        return DmnTables.read(version(decisionKey, version).xml());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Draft> draft(Actor actor, String decisionKey) {
        permissions.require(actor, Action.EDIT_RULES);
        table(decisionKey);
        return store.draft(decisionKey).map(this::draft);
    }

    @Override
    public Draft startDraft(Actor actor, String decisionKey) {
        permissions.require(actor, Action.EDIT_RULES);
        lock(decisionKey);
        Optional<DraftRow> open = store.draft(decisionKey);
        if (open.isPresent()) {
            return draft(open.get());
        }
        VersionRow inForce = inForce(decisionKey);
        store.saveDraft(decisionKey, inForce.xml(), inForce.version(), null, actor.username());
        return draft(store.draft(decisionKey).orElseThrow());
    }

    @Override
    public Draft saveDraft(Actor actor, String decisionKey, Table edited) {
        permissions.require(actor, Action.EDIT_RULES);
        lock(decisionKey);
        VersionRow inForce = inForce(decisionKey);
        Optional<DraftRow> open = store.draft(decisionKey);
        String baseXml = open.map(DraftRow::xml).orElse(inForce.xml());
        Table base = DmnTables.read(baseXml);
        List<Fault> faults = checks.check(baseXml, base, normalized(base, edited));
        if (!faults.isEmpty()) {
            throw new TableFaults(faults);
        }
        String xml = DmnTables.write(baseXml, normalized(base, edited));
        store.saveDraft(decisionKey, xml, open.map(DraftRow::baseVersion).orElse(inForce.version()),
                open.map(DraftRow::releaseHash).orElse(null), actor.username());
        return draft(store.draft(decisionKey).orElseThrow());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Fault> check(Actor actor, String decisionKey, Table edited) {
        permissions.require(actor, Action.EDIT_RULES);
        String baseXml = store.draft(decisionKey).map(DraftRow::xml).orElseGet(() -> inForce(decisionKey).xml());
        Table base = DmnTables.read(baseXml);
        return checks.check(baseXml, base, normalized(base, edited));
    }

    @Override
    public void discardDraft(Actor actor, String decisionKey) {
        permissions.require(actor, Action.EDIT_RULES);
        lock(decisionKey);
        store.deleteDraft(decisionKey);
    }

    @Override
    @Transactional(readOnly = true)
    public Evaluation tryDraft(Actor actor, String decisionKey, Map<String, String> inputs) {
        permissions.require(actor, Action.EDIT_RULES);
        String xml = workingXml(decisionKey);
        return checks.evaluate(xml, typedInputs(DmnTables.read(xml), inputs));
    }

    @Override
    @Transactional(readOnly = true)
    public List<TestResult> runTests(Actor actor, String decisionKey) {
        permissions.require(actor, Action.EDIT_RULES);
        return run(decisionKey, workingXml(decisionKey));
    }

    @Override
    @Transactional(readOnly = true)
    public List<TestCase> testCases(Actor actor, String decisionKey) {
        permissions.require(actor, Action.EDIT_RULES);
        table(decisionKey);
        return store.testCases(decisionKey).stream().map(this::testCase).toList();
    }

    @Override
    public TestCase saveTestCase(Actor actor, String decisionKey, String name, Map<String, String> inputs,
            Map<String, String> expected) {
        permissions.require(actor, Action.EDIT_RULES);
        lock(decisionKey);
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw ApiProblem.invalidField("name", "is required (at most 200 characters)");
        }
        Table table = DmnTables.read(workingXml(decisionKey));
        Map<String, Object> typedInputs = typedInputs(table, inputs);
        Map<String, Object> typedExpected = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> given = expected == null ? Map.of() : expected;
        for (String key : given.keySet()) {
            if (table.outputs().stream().noneMatch(c -> c.name().equals(key))) {
                errors.add(new FieldError("expected." + key, "is not an output of this table"));
            }
        }
        for (Column column : table.outputs()) {
            try {
                Object value = TableChecks.typed(column, given.get(column.name()));
                if (value != null) {
                    typedExpected.put(column.name(), value);
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("expected." + column.name(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        UUID id = store.saveTestCase(decisionKey, name.strip(), write(typedInputs), write(typedExpected), "ADMIN",
                actor.username());
        return new TestCase(id, name.strip(), typedInputs, typedExpected, "ADMIN");
    }

    @Override
    public void deleteTestCase(Actor actor, String decisionKey, UUID testCaseId) {
        permissions.require(actor, Action.EDIT_RULES);
        lock(decisionKey);
        if (store.deleteTestCase(decisionKey, testCaseId) == 0) {
            throw ApiProblem.notFound("Test case " + testCaseId);
        }
    }

    @Override
    public Publication publish(Actor actor, String decisionKey, String comment) {
        permissions.require(actor, Action.EDIT_RULES);
        String why = requireComment(comment);
        TableRow table = lock(decisionKey);
        DraftRow draft = readyToPublish(decisionKey);
        if (properties.needsSecondApproval(decisionKey)) {
            store.submitDraft(decisionKey, actor.username(), why);
            return new Publication(null, true);
        }
        return new Publication(deployDraft(table, draft, actor.username(), null, why), false);
    }

    @Override
    public Publication approve(Actor actor, String decisionKey) {
        permissions.require(actor, Action.EDIT_RULES);
        TableRow table = lock(decisionKey);
        DraftRow draft = store.draft(decisionKey).filter(d -> d.submittedBy() != null).orElseThrow(() ->
                ApiProblem.conflict("nothing-to-approve", "No change of this table waits for approval"));
        if (draft.submittedBy().equals(actor.username())) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "second-admin-required", "Forbidden",
                    "A second pharmacy admin must approve this change, not the admin who submitted it", List.of());
        }
        readyToPublish(decisionKey);
        return new Publication(deployDraft(table, draft, draft.submittedBy(), actor.username(),
                draft.submittedComment()), false);
    }

    @Override
    public Publication rollback(Actor actor, String decisionKey, int version, String comment) {
        permissions.require(actor, Action.EDIT_RULES);
        String why = requireComment(comment);
        TableRow table = lock(decisionKey);
        VersionRow target = version(decisionKey, version);
        VersionRow inForce = inForce(decisionKey);
        if (target.version() == inForce.version()) {
            throw ApiProblem.conflict("already-in-force", "Version " + version + " is the version in force");
        }
        int restored = versions.deploy(table, target.xml(), "ROLLBACK", why, actor.username(), null, target.version());
        events.publishEvent(new DecisionRolledBack(decisionKey, restored, target.version(), inForce.version(),
                actor.username(), Instant.now()));
        return new Publication(restored, false);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Version> history(Actor actor, String decisionKey) {
        permissions.require(actor, Action.EDIT_RULES);
        table(decisionKey);
        return store.versions(decisionKey).stream().map(v -> new Version(v.version(), v.origin(), v.comment(),
                v.createdBy(), v.approvedBy(), v.restoredFrom(), v.createdAt())).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Diff diff(Actor actor, String decisionKey, int fromVersion, int toVersion) {
        permissions.require(actor, Action.EDIT_RULES);
        Table from = DmnTables.read(version(decisionKey, fromVersion).xml());
        Table to = DmnTables.read(version(decisionKey, toVersion).xml());
        return new Diff(decisionKey, fromVersion, toVersion, TableDiffs.diff(from, to));
    }

    @Override
    @Transactional(readOnly = true)
    public Affected affected(Actor actor, String decisionKey) {
        permissions.require(actor, Action.EDIT_RULES);
        table(decisionKey);
        DecisionDeployments.WaitingAt waiting = deployments.waitingAt(decisionKey);
        return new Affected(waiting.steps(), waiting.orders());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ShippedChange> shippedChange(Actor actor, String decisionKey) {
        permissions.require(actor, Action.EDIT_RULES);
        table(decisionKey);
        return store.pendingRelease(decisionKey).map(release -> {
            Table shipped = DmnTables.read(release.xml());
            Table base = store.lastResolvedRelease(decisionKey).map(r -> DmnTables.read(r.xml())).orElse(shipped);
            Table inForce = DmnTables.read(inForce(decisionKey).xml());
            return new ShippedChange(shipped, TableDiffs.diff(base, shipped), TableDiffs.diff(inForce, shipped),
                    release.seenAt());
        });
    }

    @Override
    public Draft mergeShippedChange(Actor actor, String decisionKey) {
        permissions.require(actor, Action.EDIT_RULES);
        lock(decisionKey);
        ReleaseRow release = store.pendingRelease(decisionKey).orElseThrow(() ->
                ApiProblem.conflict("no-shipped-change", "No shipped change of this table waits"));
        VersionRow inForce = inForce(decisionKey);
        Table shipped = DmnTables.read(release.xml());
        Table base = store.lastResolvedRelease(decisionKey).map(r -> DmnTables.read(r.xml())).orElse(shipped);
        TableDiffs.Merge merge = TableDiffs.merge(base, DmnTables.read(inForce.xml()), shipped);
        String baseXml = TableDiffs.sameColumns(merge.table(), DmnTables.read(inForce.xml())) ? inForce.xml()
                : release.xml();
        String xml = DmnTables.write(baseXml, merge.table());
        store.saveDraft(decisionKey, xml, inForce.version(), release.contentHash(), actor.username());
        Draft draft = draft(store.draft(decisionKey).orElseThrow());
        return new Draft(draft.table(), draft.baseVersion(), draft.updatedBy(), draft.updatedAt(), true,
                merge.conflicts(), null, null);
    }

    @Override
    public void keepOwnVersion(Actor actor, String decisionKey) {
        permissions.require(actor, Action.EDIT_RULES);
        lock(decisionKey);
        ReleaseRow release = store.pendingRelease(decisionKey).orElseThrow(() ->
                ApiProblem.conflict("no-shipped-change", "No shipped change of this table waits"));
        store.resolveRelease(decisionKey, release.contentHash(), "KEPT_OWN", actor.username());
        store.draft(decisionKey).filter(d -> release.contentHash().equals(d.releaseHash()))
                .ifPresent(d -> store.deleteDraft(decisionKey));
    }

    @Override
    public boolean needsSecondApproval(String decisionKey) {
        return properties.needsSecondApproval(decisionKey);
    }

    /** The draft, checked again, started from the version in force, with every test case passing. */
    private DraftRow readyToPublish(String decisionKey) {
        DraftRow draft = store.draft(decisionKey).orElseThrow(() ->
                ApiProblem.conflict("no-draft", "There is no draft of this table to publish"));
        VersionRow inForce = inForce(decisionKey);
        if (draft.baseVersion() != inForce.version()) {
            throw ApiProblem.conflict("draft-outdated", "Version " + inForce.version() + " was published after this "
                    + "draft was started from version " + draft.baseVersion() + ": discard the draft and start again");
        }
        Table table = DmnTables.read(draft.xml());
        if (DmnTables.fingerprint(table).equals(inForce.contentHash())) {
            throw ApiProblem.conflict("no-change", "The draft is the same as version " + inForce.version());
        }
        List<Fault> faults = checks.check(draft.xml(), table, table);
        if (!faults.isEmpty()) {
            throw new TableFaults(faults);
        }
        List<TestResult> failing = run(decisionKey, draft.xml()).stream().filter(r -> !r.passed()).toList();
        if (!failing.isEmpty()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "tests-failing", "Test cases fail",
                    failing.size() + " test case(s) fail on the draft: fix the table or the test cases first",
                    failing.stream().map(r -> new FieldError("tests." + r.testCase().name(), "fails")).toList());
        }
        return draft;
    }

    private int deployDraft(TableRow table, DraftRow draft, String by, String approvedBy, String comment) {
        int previous = inForce(table.decisionKey()).version();
        int version = versions.deploy(table, draft.xml(), "PUBLISHED", comment, by, approvedBy, null);
        store.deleteDraft(table.decisionKey());
        if (draft.releaseHash() != null) {
            store.release(table.decisionKey(), draft.releaseHash()).ifPresent(release -> {
                store.resolveRelease(table.decisionKey(), release.contentHash(), "MERGED", by);
                versions.replaceShippedTestCases(table.decisionKey(), release.testsJson());
            });
        }
        events.publishEvent(new DecisionPublished(table.decisionKey(), version, previous, by, approvedBy,
                Instant.now()));
        return version;
    }

    private List<TestResult> run(String decisionKey, String xml) {
        Table table = DmnTables.read(xml);
        boolean single = !table.hitPolicy().equals("COLLECT") && !table.hitPolicy().equals("RULE_ORDER");
        List<TestResult> results = new ArrayList<>();
        for (TestCaseRow row : store.testCases(decisionKey)) {
            TestCase test = testCase(row);
            Evaluation actual = checks.evaluate(xml, test.inputs());
            boolean passed;
            if (actual.error() != null) {
                passed = false;
            } else if (test.expected().isEmpty()) {
                passed = actual.results().isEmpty();
            } else {
                List<Map<String, Object>> rows = actual.results();
                passed = (!single || rows.size() == 1) && rows.stream().anyMatch(r -> test.expected().entrySet()
                        .stream().allMatch(e -> TableChecks.sameValue(e.getValue(), r.get(e.getKey()))));
            }
            results.add(new TestResult(test, passed, actual));
        }
        return results;
    }

    private Map<String, Object> typedInputs(Table table, Map<String, String> inputs) {
        Map<String, String> given = inputs == null ? Map.of() : inputs;
        Map<String, Object> typed = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (String key : given.keySet()) {
            if (table.inputs().stream().noneMatch(c -> c.name().equals(key))) {
                errors.add(new FieldError("inputs." + key, "is not an input of this table"));
            }
        }
        for (Column column : table.inputs()) {
            try {
                typed.put(column.name(), TableChecks.typed(column, given.get(column.name())));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("inputs." + column.name(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return typed;
    }

    /** Keeps the columns of the file; takes the hit policy and rules of the edit, with blank cells for null. */
    private static Table normalized(Table base, Table edited) {
        List<Rule> rules = new ArrayList<>();
        for (Rule rule : edited.rules() == null ? List.<Rule>of() : edited.rules()) {
            rules.add(new Rule(rule.id() == null || rule.id().isBlank() ? null : rule.id().strip(),
                    rule.annotation() == null ? "" : rule.annotation().strip(),
                    rule.inputEntries().stream().map(e -> e == null ? "" : e.strip()).toList(),
                    rule.outputEntries().stream().map(e -> e == null ? "" : e.strip()).toList()));
        }
        return base.withRules(edited.hitPolicy() == null ? base.hitPolicy() : edited.hitPolicy(), rules);
    }

    private String workingXml(String decisionKey) {
        return store.draft(decisionKey).map(DraftRow::xml).orElseGet(() -> inForce(decisionKey).xml());
    }

    private Draft draft(DraftRow row) {
        return new Draft(DmnTables.read(row.xml()), row.baseVersion(), row.updatedBy(), row.updatedAt(),
                row.releaseHash() != null, List.of(), row.submittedBy(), row.submittedComment());
    }

    private TestCase testCase(TestCaseRow row) {
        try {
            return new TestCase(row.id(), row.name(), json.readValue(row.inputsJson(), MAP),
                    json.readValue(row.expectedJson(), MAP), row.origin());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Test case " + row.id() + " is not valid JSON", e);
        }
    }

    private TableRow table(String decisionKey) {
        return store.table(decisionKey).orElseThrow(() -> ApiProblem.notFound("Decision " + decisionKey));
    }

    private TableRow lock(String decisionKey) {
        return store.lock(decisionKey).orElseThrow(() -> ApiProblem.notFound("Decision " + decisionKey));
    }

    private VersionRow inForce(String decisionKey) {
        table(decisionKey);
        return store.inForce(decisionKey).orElseThrow(() -> ApiProblem.notFound("Decision " + decisionKey));
    }

    private VersionRow version(String decisionKey, int version) {
        table(decisionKey);
        return store.version(decisionKey, version).orElseThrow(() -> ApiProblem.notFound("Version " + version
                + " of " + decisionKey));
    }

    private static String requireComment(String comment) {
        if (comment == null || comment.isBlank()) {
            throw ApiProblem.invalidField("comment", "is required: say why the rules change");
        }
        if (comment.strip().length() > MAX_COMMENT) {
            throw ApiProblem.invalidField("comment", "is longer than " + MAX_COMMENT + " characters");
        }
        return comment.strip();
    }

    private static ApiProblem invalid(List<FieldError> errors) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-values", "Values do not fit the table",
                "Invalid fields: " + String.join(", ", errors.stream().map(FieldError::field).toList()), errors);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
