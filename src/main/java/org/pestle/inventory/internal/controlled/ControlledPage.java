package org.pestle.inventory.internal.controlled;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.platform.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's controlled-substance record ({@code /console/stock/controlled}), a page of its own: the
 * controlled items, an item's perpetual inventory and reconciliations, and a form to reconcile it.
 */
@Controller
class ControlledPage {

    private final PerpetualInventory perpetual;
    private final Reconciliations reconciliations;
    private final Permissions permissions;

    ControlledPage(PerpetualInventory perpetual, Reconciliations reconciliations, Permissions permissions) {
        this.perpetual = perpetual;
        this.reconciliations = reconciliations;
        this.permissions = permissions;
    }

    @GetMapping("/console/stock/controlled")
    String items(Model model, HttpServletResponse response) {
        Actor actor = CurrentActor.require();
        if (!permissions.canDo(actor, Action.VIEW_STOCK)) {
            return forbidden(model, response);
        }
        model.addAttribute("items", perpetual.items(actor));
        return "stock/controlled";
    }

    @GetMapping("/console/stock/controlled/{id}")
    String item(@PathVariable String id, Model model, HttpServletResponse response) {
        Actor actor = CurrentActor.require();
        if (!permissions.canDo(actor, Action.VIEW_STOCK)) {
            return forbidden(model, response);
        }
        return render(actor, id, model, response, null);
    }

    @PostMapping("/console/stock/controlled/{id}/reconciliations")
    String reconcile(@PathVariable String id, @RequestParam String counted, @RequestParam String key, Model model,
            HttpServletResponse response) {
        Actor actor = CurrentActor.require();
        Optional<UUID> itemId = ControlledController.uuid(id);
        if (!permissions.canDo(actor, Action.COUNT_CONTROLLED) || itemId.isEmpty()) {
            return forbidden(model, response);
        }
        try {
            reconciliations.reconcile(actor, itemId.get(), new BigDecimal(counted.strip()),
                    Optional.of("console:" + key));
            return "redirect:/console/stock/controlled/" + itemId.get();
        } catch (NumberFormatException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return render(actor, id, model, response, "The count is a number, e.g. 9.5");
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            String detail = problem.errors().isEmpty() ? problem.getMessage()
                    : problem.errors().get(0).field() + " " + problem.errors().get(0).message();
            return render(actor, id, model, response, detail);
        }
    }

    private String render(Actor actor, String id, Model model, HttpServletResponse response, String error) {
        Optional<PerpetualInventory.Record> record;
        try {
            record = ControlledController.uuid(id).flatMap(itemId -> perpetual.record(actor, itemId));
        } catch (ApiProblem notControlled) {
            record = Optional.empty();
        }
        if (record.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("status", HttpStatus.NOT_FOUND.value());
            return "error";
        }
        model.addAttribute("items", perpetual.items(actor));
        model.addAttribute("record", record.get());
        model.addAttribute("reconciliations", reconciliations.ofItem(actor, record.get().item().id()));
        model.addAttribute("canCount", permissions.canDo(actor, Action.COUNT_CONTROLLED));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        model.addAttribute("error", error);
        return "stock/controlled";
    }

    private static String forbidden(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("status", HttpStatus.FORBIDDEN.value());
        return "error";
    }
}
