package org.pestle.console.internal;

import java.util.UUID;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.platform.ApiProblem;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.ClinicPayAutomation;
import org.pestle.tenancy.ClinicSettings;
import org.pestle.tenancy.Clinics;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Each clinic's settings that the decision tables read: what providers can order, patient self-pay, clinic-pay
 * automation and refill reminder lead days. Pharmacy admins (EDIT_RULES) only; every change records who, when and
 * why.
 */
@Controller
@RequestMapping("/console/clinics")
class ClinicSettingsPages {

    private final Clinics clinics;
    private final Permissions permissions;

    ClinicSettingsPages(Clinics clinics, Permissions permissions) {
        this.clinics = clinics;
        this.permissions = permissions;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("actor", admin());
        model.addAttribute("clinics", clinics.all());
        return "clinics/list";
    }

    @GetMapping("/{id}")
    String clinic(@PathVariable UUID id, Model model) {
        Actor actor = admin();
        Clinic clinic = clinics.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!model.containsAttribute("settings")) {
            model.addAttribute("settings", ClinicSettings.of(clinic));
        }
        model.addAttribute("actor", actor);
        model.addAttribute("clinic", clinic);
        model.addAttribute("automations", ClinicPayAutomation.values());
        model.addAttribute("history", clinics.settingsHistory(id));
        model.addAttribute("words", Words.INSTANCE);
        model.addAttribute("maxLeadDays", ClinicSettings.MAX_LEAD_DAYS);
        model.addAttribute("maxReturnDays", ClinicSettings.MAX_RETURN_TO_STOCK_DAYS);
        return "clinics/edit";
    }

    @PostMapping("/{id}")
    String change(@PathVariable UUID id, @RequestParam String ordering, @RequestParam String selfPay,
            @RequestParam(required = false) ClinicPayAutomation clinicPayAutomation,
            @RequestParam(required = false) String refillReminderLeadDays,
            @RequestParam(required = false) String returnToStockDays,
            @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        Actor actor = admin();
        int leadDays = number(refillReminderLeadDays);
        // a form without the field (an older page still open) keeps the clinic's return-to-stock day
        int returnDays = returnToStockDays == null ? clinics.find(id).map(Clinic::returnToStockDays)
                .orElse(ClinicSettings.DEFAULT_RETURN_TO_STOCK_DAYS) : number(returnToStockDays);
        ClinicSettings settings = new ClinicSettings("APPROVED_ONLY".equals(ordering), "ENABLED".equals(selfPay),
                clinicPayAutomation, leadDays, returnDays);
        try {
            Clinic clinic = clinics.changeSettings(id, settings, actor.username(), reason);
            redirect.addFlashAttribute("notice", "Settings of " + clinic.name() + " saved. The next orders use them.");
        } catch (ApiProblem problem) {
            if (problem.status() == HttpStatus.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("error", "Nothing was saved: " + problem.getMessage());
            redirect.addFlashAttribute("errors", problem.errors());
            redirect.addFlashAttribute("settings", settings);
            redirect.addFlashAttribute("reason", reason);
        }
        return "redirect:/console/clinics/" + id;
    }

    private static int number(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Actor admin() {
        Actor actor = CurrentActor.require();
        if (!permissions.canDo(actor, Action.EDIT_RULES)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only pharmacy admins may change clinic settings");
        }
        return actor;
    }
}
