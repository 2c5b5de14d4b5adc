package org.pestle.portal.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.patients.Patients;
import org.pestle.platform.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code POST /api/patients/{id}/portal-link}: staff of the patient's clinic (or the pharmacy) get
 * a signed link to send the patient. {@code /p/{token}}: the patient gives their date of birth and
 * sees their prescriptions.
 */
@Controller
class PortalController {

    private final PatientLinks links;
    private final PatientPortal portal;
    private final Patients patients;
    private final Permissions permissions;

    PortalController(PatientLinks links, PatientPortal portal, Patients patients, Permissions permissions) {
        this.links = links;
        this.portal = portal;
        this.patients = patients;
        this.permissions = permissions;
    }

    @PostMapping("/api/patients/{patientId}/portal-link")
    @ResponseBody
    ResponseEntity<Map<String, String>> link(@PathVariable UUID patientId, HttpServletRequest request) {
        Actor actor = CurrentActor.require();
        permissions.require(actor, Action.VIEW_PATIENTS);
        patients.summary(patientId).filter(p -> actor.canAccessClinic(p.clinicId()))
                .orElseThrow(() -> ApiProblem.notFound("Patient " + patientId));
        String link = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath() + "/p/" + links.tokenFor(patientId);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("link", link));
    }

    @GetMapping("/p/{token}")
    String page(@PathVariable String token) {
        return portal.usable(token) ? "portal-verify" : "portal-invalid";
    }

    @PostMapping("/p/{token}")
    String open(@PathVariable String token, @RequestParam(defaultValue = "") String dateOfBirth, Model model) {
        LocalDate date;
        try {
            date = LocalDate.parse(dateOfBirth.strip());
        } catch (DateTimeParseException e) {
            model.addAttribute("error", "Enter your date of birth as year-month-day, for example 1980-04-23.");
            return "portal-verify";
        }
        try {
            PatientPortal.View view = portal.open(token, date);
            model.addAttribute("view", view);
            model.addAttribute("dateOfBirth", date.toString());
            model.addAttribute("token", token);
            return "portal";
        } catch (PatientPortal.WrongDateOfBirth e) {
            model.addAttribute("error", "That date of birth does not match our records.");
            return portal.usable(token) ? "portal-verify" : "portal-invalid";
        } catch (PatientPortal.LinkNotUsable e) {
            return "portal-invalid";
        }
    }

    /** The patient asks for a refill now or pauses it, from their page (the date of birth comes with the form). */
    @PostMapping("/p/{token}/refills/{refillId}/{action:request|pause}")
    String refill(@PathVariable String token, @PathVariable UUID refillId, @PathVariable String action,
            @RequestParam(defaultValue = "") String dateOfBirth, Model model) {
        LocalDate date;
        try {
            date = LocalDate.parse(dateOfBirth.strip());
        } catch (DateTimeParseException e) {
            return portal.usable(token) ? "portal-verify" : "portal-invalid";
        }
        try {
            PatientPortal.Acted acted = portal.act(token, date, refillId, "request".equals(action)
                    ? PatientPortal.RefillAction.REQUEST : PatientPortal.RefillAction.PAUSE);
            model.addAttribute("view", acted.view());
            model.addAttribute("dateOfBirth", date.toString());
            model.addAttribute("token", token);
            model.addAttribute("notice", !acted.done() ? "That refill is no longer open."
                    : "request".equals(action) ? "Thank you: your refill request is with the pharmacist."
                    : "The refill is paused: no more reminders for it.");
            return "portal";
        } catch (PatientPortal.WrongDateOfBirth e) {
            model.addAttribute("error", "That date of birth does not match our records.");
            return portal.usable(token) ? "portal-verify" : "portal-invalid";
        } catch (PatientPortal.LinkNotUsable e) {
            return "portal-invalid";
        }
    }
}
