package org.pestle.inventory.internal.reorder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's reorder list and purchase orders ({@code /console/stock/reorder}), a page of its own: one
 * button per wholesaler creates its purchase order from the list (the form's key makes a double click one order).
 */
@Controller
class ReorderPage {

    private final PurchaseOrders orders;
    private final Permissions permissions;

    ReorderPage(PurchaseOrders orders, Permissions permissions) {
        this.orders = orders;
        this.permissions = permissions;
    }

    @GetMapping("/console/stock/reorder")
    String page(@RequestParam(required = false) String created, Model model, HttpServletResponse response) {
        Actor actor = CurrentActor.require();
        if (!permissions.canDo(actor, Action.VIEW_STOCK)) {
            return forbidden(model, response);
        }
        return render(actor, model, created, null);
    }

    @PostMapping("/console/stock/reorder/purchase-orders")
    String create(@RequestParam String wholesaler, @RequestParam String key, Model model,
            HttpServletResponse response) {
        Actor actor = CurrentActor.require();
        if (!permissions.canDo(actor, Action.ORDER_STOCK)) {
            return forbidden(model, response);
        }
        try {
            PurchaseOrders.Created created = orders.create(actor, new PurchaseOrders.NewOrder(wholesaler, null),
                    Optional.of("console:" + key));
            return "redirect:/console/stock/reorder?created=" + created.order().id();
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return render(actor, model, null, problem.getMessage());
        }
    }

    private String render(Actor actor, Model model, String created, String error) {
        List<PurchaseOrders.ReorderLine> lines = orders.reorderList(actor);
        Map<String, List<PurchaseOrders.ReorderLine>> byWholesaler = lines.stream().collect(Collectors.groupingBy(
                PurchaseOrders.ReorderLine::wholesaler, LinkedHashMap::new, Collectors.toList()));
        model.addAttribute("lines", lines);
        model.addAttribute("byWholesaler", byWholesaler);
        model.addAttribute("orders", orders.list(actor));
        model.addAttribute("canOrder", permissions.canDo(actor, Action.ORDER_STOCK));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        model.addAttribute("created", created == null ? null : parse(created));
        model.addAttribute("error", error);
        return "stock/reorder";
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String forbidden(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("status", HttpStatus.FORBIDDEN.value());
        return "error";
    }
}
