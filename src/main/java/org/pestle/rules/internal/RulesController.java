package org.pestle.rules.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.pestle.identity.CurrentActor;
import org.pestle.rules.RuleTables;
import org.pestle.rules.RuleTables.Affected;
import org.pestle.rules.RuleTables.Diff;
import org.pestle.rules.RuleTables.Draft;
import org.pestle.rules.RuleTables.Evaluation;
import org.pestle.rules.RuleTables.Publication;
import org.pestle.rules.RuleTables.ShippedChange;
import org.pestle.rules.RuleTables.Summary;
import org.pestle.rules.RuleTables.Table;
import org.pestle.rules.RuleTables.TestCase;
import org.pestle.rules.RuleTables.TestResult;
import org.pestle.rules.RuleTables.Version;
import org.pestle.platform.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The rules API (pharmacy admins): the same operations as the console's rule pages, as JSON. */
@RestController
@RequestMapping("/api/rules/decisions")
class RulesController {

    private final RuleTables rules;

    RulesController(RuleTables rules) {
        this.rules = rules;
    }

    @GetMapping
    List<Summary> list() {
        return rules.list(CurrentActor.require());
    }

    @GetMapping("/{key}")
    Table inForce(@PathVariable String key) {
        return rules.inForce(CurrentActor.require(), key);
    }

    @GetMapping("/{key}/versions")
    List<Version> history(@PathVariable String key) {
        return rules.history(CurrentActor.require(), key);
    }

    @GetMapping("/{key}/versions/{version}")
    Table version(@PathVariable String key, @PathVariable int version) {
        return rules.version(CurrentActor.require(), key, version);
    }

    @GetMapping("/{key}/diff")
    Diff diff(@PathVariable String key, @RequestParam int from, @RequestParam int to) {
        return rules.diff(CurrentActor.require(), key, from, to);
    }

    @GetMapping("/{key}/affected")
    Affected affected(@PathVariable String key) {
        return rules.affected(CurrentActor.require(), key);
    }

    @GetMapping("/{key}/draft")
    Draft draft(@PathVariable String key) {
        return rules.draft(CurrentActor.require(), key).orElseThrow(() -> ApiProblem.notFound("A draft of " + key));
    }

    /** Saves the edited table as the draft (422 with every fault if it is not valid). */
    @PutMapping("/{key}/draft")
    Draft saveDraft(@PathVariable String key, @RequestBody Table edited) {
        return rules.saveDraft(CurrentActor.require(), key, edited);
    }

    @DeleteMapping("/{key}/draft")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void discardDraft(@PathVariable String key) {
        rules.discardDraft(CurrentActor.require(), key);
    }

    @PostMapping("/{key}/draft/evaluate")
    Evaluation tryDraft(@PathVariable String key, @RequestBody Map<String, String> inputs) {
        return rules.tryDraft(CurrentActor.require(), key, inputs);
    }

    @PostMapping("/{key}/draft/test-runs")
    List<TestResult> runTests(@PathVariable String key) {
        return rules.runTests(CurrentActor.require(), key);
    }

    @GetMapping("/{key}/tests")
    List<TestCase> testCases(@PathVariable String key) {
        return rules.testCases(CurrentActor.require(), key);
    }

    @PostMapping("/{key}/tests")
    ResponseEntity<TestCase> saveTestCase(@PathVariable String key, @RequestBody NewTestCase test) {
        TestCase saved = rules.saveTestCase(CurrentActor.require(), key, test.name(), test.inputs(), test.expected());
        return ResponseEntity.created(URI.create("/api/rules/decisions/" + key + "/tests/" + saved.id())).body(saved);
    }

    @DeleteMapping("/{key}/tests/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteTestCase(@PathVariable String key, @PathVariable UUID id) {
        rules.deleteTestCase(CurrentActor.require(), key, id);
    }

    /** 201 with the new version, or 202 when the change waits for a second admin's approval. */
    @PostMapping("/{key}/publications")
    ResponseEntity<Publication> publish(@PathVariable String key, @RequestBody Comment comment) {
        return published(rules.publish(CurrentActor.require(), key, comment.comment()));
    }

    @PostMapping("/{key}/approvals")
    ResponseEntity<Publication> approve(@PathVariable String key) {
        return published(rules.approve(CurrentActor.require(), key));
    }

    @PostMapping("/{key}/rollbacks")
    ResponseEntity<Publication> rollback(@PathVariable String key, @RequestBody Rollback rollback) {
        return published(rules.rollback(CurrentActor.require(), key, rollback.version(), rollback.comment()));
    }

    @GetMapping("/{key}/shipped-change")
    ShippedChange shippedChange(@PathVariable String key) {
        return rules.shippedChange(CurrentActor.require(), key)
                .orElseThrow(() -> ApiProblem.notFound("A shipped change of " + key));
    }

    @PostMapping("/{key}/shipped-change/merge")
    Draft merge(@PathVariable String key) {
        return rules.mergeShippedChange(CurrentActor.require(), key);
    }

    @PostMapping("/{key}/shipped-change/keep-own")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void keepOwn(@PathVariable String key) {
        rules.keepOwnVersion(CurrentActor.require(), key);
    }

    private static ResponseEntity<Publication> published(Publication publication) {
        return ResponseEntity.status(publication.awaitingApproval() ? HttpStatus.ACCEPTED : HttpStatus.CREATED)
                .body(publication);
    }

    record NewTestCase(String name, Map<String, String> inputs, Map<String, String> expected) {
    }

    record Comment(String comment) {
    }

    record Rollback(int version, String comment) {
    }
}
