package org.pestle.recall.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.platform.ApiProblem;
import org.pestle.recall.internal.RecallConfirmation.Confirmed;
import org.pestle.recall.internal.RecallConfirmation.HandLot;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The console's recall page (a page of its own, on this module's internals): import an openFDA record (file or
 * pasted JSON), preview what it says and matches, confirm with lots left out by hand (with the reason), and follow
 * each recall's patients and report (CSV at the API's {@code /api/recalls/{id}/report.csv}).
 */
@Controller
class RecallPages {

    private final RecallConfirmation confirmation;
    private final RecallViews views;
    private final Permissions permissions;
    private final ObjectMapper json;

    RecallPages(RecallConfirmation confirmation, RecallViews views, Permissions permissions, ObjectMapper json) {
        this.confirmation = confirmation;
        this.views = views;
        this.permissions = permissions;
        this.json = json;
    }

    @GetMapping("/console/recalls")
    String recalls(Model model) {
        Actor actor = CurrentActor.require();
        permissions.require(actor, Action.VIEW_RECALLS);
        model.addAttribute("recalls", views.all());
        model.addAttribute("manages", permissions.canDo(actor, Action.MANAGE_RECALLS));
        return "recall/recalls";
    }

    @PostMapping("/console/recalls/preview")
    String preview(@RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "record", required = false) String pasted, Model model) throws IOException {
        Actor actor = CurrentActor.require();
        String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : pasted;
        JsonNode record;
        try {
            record = json.readTree(text == null ? "" : text);
        } catch (IOException e) {
            model.addAttribute("error", "The file is not JSON: upload an openFDA drug/enforcement record");
            return recalls(model);
        }
        try {
            model.addAttribute("preview", RecallController.PreviewView.of(confirmation.preview(actor, record)));
        } catch (ApiProblem problem) {
            model.addAttribute("error", problem.getMessage());
            return recalls(model);
        }
        model.addAttribute("record", record.toString());
        return "recall/preview";
    }

    @PostMapping("/console/recalls")
    String confirm(@RequestParam("record") String record,
            @RequestParam(name = "leaveOut", required = false) List<UUID> leaveOut,
            @RequestParam(name = "reason", required = false) String reason, Model model) throws IOException {
        Actor actor = CurrentActor.require();
        List<HandLot> removed = new ArrayList<>();
        if (leaveOut != null && !leaveOut.isEmpty()) {
            if (reason == null || reason.isBlank()) {
                model.addAttribute("error", "Give the reason for leaving lots out");
                return recalls(model);
            }
            leaveOut.forEach(lot -> removed.add(new HandLot(lot, reason)));
        }
        Confirmed confirmed = confirmation.confirm(actor, json.readTree(record), removed, List.of());
        return "redirect:/console/recalls/" + confirmed.recallId();
    }

    @GetMapping("/console/recalls/{id}")
    String recall(@PathVariable UUID id, Model model) {
        permissions.require(CurrentActor.require(), Action.VIEW_RECALLS);
        model.addAttribute("recall", views.view(id).orElseThrow(() -> ApiProblem.notFound("Recall " + id)));
        return "recall/recall";
    }
}
