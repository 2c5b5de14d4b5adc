package org.pestle.inventory.internal.expiry;

import jakarta.servlet.http.HttpServletResponse;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's expiry list ({@code /console/stock}), a page of its own. */
@Controller
class ExpiryPage {

    private final ExpiryWatch watch;
    private final Permissions permissions;

    ExpiryPage(ExpiryWatch watch, Permissions permissions) {
        this.watch = watch;
        this.permissions = permissions;
    }

    @GetMapping("/console/stock")
    String expiry(Model model, HttpServletResponse response) {
        Actor actor = CurrentActor.require();
        if (!permissions.canDo(actor, Action.VIEW_STOCK)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("status", HttpStatus.FORBIDDEN.value());
            return "error";
        }
        model.addAttribute("list", watch.list(actor));
        return "stock/expiry";
    }
}
