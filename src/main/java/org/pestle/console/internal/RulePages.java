package org.pestle.console.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.platform.ApiProblem;
import org.pestle.rules.RuleTables;
import org.pestle.rules.RuleTables.Draft;
import org.pestle.rules.RuleTables.Fault;
import org.pestle.rules.RuleTables.Publication;
import org.pestle.rules.RuleTables.Table;
import org.pestle.rules.RuleTables.Version;
import org.pestle.rules.TableFaults;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rules console: every decision table, its rules in plain words, the editor, saved test cases, publishing,
 * approval, history with diffs and rollback, and shipped changes to merge. Pharmacy admins only (the permission
 * matrix's EDIT_RULES); everybody else gets 403.
 */
@Controller
@RequestMapping("/console/rules")
class RulePages {

    private final RuleTables rules;
    private final Permissions permissions;

    RulePages(RuleTables rules, Permissions permissions) {
        this.rules = rules;
        this.permissions = permissions;
    }

    @GetMapping
    String list(Model model) {
        Actor actor = admin();
        model.addAttribute("actor", actor);
        model.addAttribute("tables", rules.list(actor));
        model.addAttribute("words", Words.INSTANCE);
        return "rules/list";
    }

    @GetMapping("/{key}")
    String table(@PathVariable String key, Model model) {
        Actor actor = admin();
        Table inForce = rules.inForce(actor, key);
        Optional<Draft> draft = rules.draft(actor, key);
        List<Version> history = rules.history(actor, key);
        model.addAttribute("actor", actor);
        model.addAttribute("key", key);
        model.addAttribute("inForce", inForce);
        model.addAttribute("inForceVersion", history.get(0));
        model.addAttribute("draft", draft.orElse(null));
        model.addAttribute("working", draft.map(Draft::table).orElse(inForce));
        model.addAttribute("history", history);
        model.addAttribute("testCases", rules.testCases(actor, key));
        model.addAttribute("affected", rules.affected(actor, key));
        model.addAttribute("shippedChange", rules.shippedChange(actor, key).orElse(null));
        model.addAttribute("needsApproval", rules.needsSecondApproval(key));
        model.addAttribute("words", Words.INSTANCE);
        return "rules/table";
    }

    @PostMapping("/{key}/draft")
    String startDraft(@PathVariable String key) {
        rules.startDraft(admin(), key);
        return "redirect:/console/rules/" + key + "/edit";
    }

    @GetMapping("/{key}/edit")
    String edit(@PathVariable String key, Model model) {
        Actor actor = admin();
        Draft draft = rules.draft(actor, key).orElseGet(() -> rules.startDraft(actor, key));
        return editor(model, actor, key, draft, TableForm.of(draft.table()), List.of(), null);
    }

    @PostMapping("/{key}/edit")
    String save(@PathVariable String key, @ModelAttribute("form") TableForm form,
            @RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect) {
        Actor actor = admin();
        Draft draft = rules.draft(actor, key).orElseGet(() -> rules.startDraft(actor, key));
        Table base = draft.table();
        if (!action.equals("save")) {
            form.apply(action, base.inputs().size() + base.outputs().size());
            return editor(model, actor, key, draft, form, List.of(), "Not saved yet: save the draft to keep changes.");
        }
        try {
            rules.saveDraft(actor, key, form.toTable(base));
        } catch (TableFaults faults) {
            return editor(model, actor, key, draft, form, faults.faults(), null);
        }
        redirect.addFlashAttribute("notice", "Draft saved. Run the test cases, then publish it.");
        return "redirect:/console/rules/" + key;
    }

    @PostMapping("/{key}/draft/discard")
    String discard(@PathVariable String key, RedirectAttributes redirect) {
        rules.discardDraft(admin(), key);
        redirect.addFlashAttribute("notice", "Draft discarded.");
        return "redirect:/console/rules/" + key;
    }

    @PostMapping("/{key}/tests/run")
    String runTests(@PathVariable String key, RedirectAttributes redirect) {
        redirect.addFlashAttribute("testResults", rules.runTests(admin(), key));
        return "redirect:/console/rules/" + key + "#tests";
    }

    @PostMapping("/{key}/try")
    String tryInputs(@PathVariable String key, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
        Map<String, String> inputs = prefixed(params, "in.");
        redirect.addFlashAttribute("tried", inputs);
        return attempt(redirect, key + "#try", () -> redirect.addFlashAttribute("evaluation",
                rules.tryDraft(admin(), key, inputs)));
    }

    @PostMapping("/{key}/tests")
    String saveTestCase(@PathVariable String key, @RequestParam Map<String, String> params,
            RedirectAttributes redirect) {
        return attempt(redirect, key + "#tests", () -> {
            rules.saveTestCase(admin(), key, params.get("name"), prefixed(params, "in."), prefixed(params, "out."));
            redirect.addFlashAttribute("notice", "Test case saved.");
        });
    }

    @PostMapping("/{key}/tests/{id}/delete")
    String deleteTestCase(@PathVariable String key, @PathVariable UUID id, RedirectAttributes redirect) {
        return attempt(redirect, key + "#tests", () -> {
            rules.deleteTestCase(admin(), key, id);
            redirect.addFlashAttribute("notice", "Test case deleted.");
        });
    }

    @PostMapping("/{key}/publish")
    String publish(@PathVariable String key, @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        return attempt(redirect, key, () -> {
            Publication publication = rules.publish(admin(), key, comment);
            redirect.addFlashAttribute("notice", publication.awaitingApproval()
                    ? "Submitted: a second pharmacy admin must approve the change before it is published."
                    : "Published as version " + publication.version() + ". New orders are decided by it now.");
        });
    }

    @PostMapping("/{key}/approve")
    String approve(@PathVariable String key, RedirectAttributes redirect) {
        return attempt(redirect, key, () -> redirect.addFlashAttribute("notice", "Approved and published as version "
                + rules.approve(admin(), key).version() + "."));
    }

    @PostMapping("/{key}/rollback")
    String rollback(@PathVariable String key, @RequestParam int version, @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        return attempt(redirect, key, () -> redirect.addFlashAttribute("notice", "Version " + version
                + " restored as version " + rules.rollback(admin(), key, version, comment).version() + "."));
    }

    @GetMapping("/{key}/diff")
    String diff(@PathVariable String key, @RequestParam int from, @RequestParam int to, Model model) {
        Actor actor = admin();
        model.addAttribute("actor", actor);
        model.addAttribute("key", key);
        model.addAttribute("name", rules.inForce(actor, key).name());
        model.addAttribute("diff", rules.diff(actor, key, from, to));
        model.addAttribute("history", rules.history(actor, key));
        model.addAttribute("words", Words.INSTANCE);
        return "rules/diff";
    }

    @PostMapping("/{key}/shipped-change/merge")
    String merge(@PathVariable String key, RedirectAttributes redirect) {
        Draft draft = rules.mergeShippedChange(admin(), key);
        redirect.addFlashAttribute("notice", "The shipped change is merged into a draft. Check it, run the test cases "
                + "and publish it.");
        redirect.addFlashAttribute("conflicts", draft.mergeConflicts());
        return "redirect:/console/rules/" + key;
    }

    @PostMapping("/{key}/shipped-change/keep")
    String keepOwn(@PathVariable String key, RedirectAttributes redirect) {
        rules.keepOwnVersion(admin(), key);
        redirect.addFlashAttribute("notice", "Your version stays in force; the shipped change is set aside.");
        return "redirect:/console/rules/" + key;
    }

    private String editor(Model model, Actor actor, String key, Draft draft, TableForm form, List<Fault> faults,
            String notice) {
        Map<String, String> cellFaults = new LinkedHashMap<>();
        for (Fault fault : faults) {
            cellFaults.merge(fault.rule() + ":" + fault.column(), fault.message(), (a, b) -> a + "; " + b);
        }
        model.addAttribute("actor", actor);
        model.addAttribute("key", key);
        model.addAttribute("table", draft.table());
        model.addAttribute("draft", draft);
        model.addAttribute("form", form);
        model.addAttribute("faults", faults);
        model.addAttribute("cellFaults", cellFaults);
        model.addAttribute("hitPolicies", List.of("UNIQUE", "FIRST", "ANY", "COLLECT", "RULE_ORDER"));
        model.addAttribute("words", Words.INSTANCE);
        if (notice != null) {
            model.addAttribute("notice", notice);
        }
        return "rules/edit";
    }

    /** Runs a change; a refusal becomes an error message on the page, with the fields at fault. */
    private static String attempt(RedirectAttributes redirect, String target, Runnable change) {
        try {
            change.run();
        } catch (ApiProblem problem) {
            if (problem.status() == HttpStatus.FORBIDDEN || problem.status() == HttpStatus.NOT_FOUND) {
                throw problem;
            }
            redirect.addFlashAttribute("error", problem.getMessage());
            redirect.addFlashAttribute("errors", problem.errors());
        }
        return "redirect:/console/rules/" + target;
    }

    private static Map<String, String> prefixed(Map<String, String> params, String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith(prefix) && value != null && !value.isBlank()) {
                values.put(name.substring(prefix.length()), value);
            }
        });
        return values;
    }

    private Actor admin() {
        Actor actor = CurrentActor.require();
        if (!permissions.canDo(actor, Action.EDIT_RULES)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only pharmacy admins may see and change rules");
        }
        return actor;
    }
}
