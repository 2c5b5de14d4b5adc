package org.pestle.identity.internal.users;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.identity.Role;
import org.pestle.identity.UserAccessChanged;
import org.pestle.platform.ApiProblem;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code POST /api/invites}: a clinic admin (or pharmacy admin) invites staff to a clinic and gets a
 * link to send them. {@code /invite/{token}}: the invitee chooses a username and password; the first
 * sign-in enrolls the authenticator before anything else.
 */
@Controller
class InvitesController {

    private static final Set<Role> INVITABLE = Set.of(Role.CLINIC_STAFF, Role.CLINIC_ADMIN);

    private final Invites invites;
    private final Clinics clinics;
    private final Permissions permissions;
    private final ApplicationEventPublisher events;

    InvitesController(Invites invites, Clinics clinics, Permissions permissions,
            ApplicationEventPublisher events) {
        this.invites = invites;
        this.clinics = clinics;
        this.permissions = permissions;
        this.events = events;
    }

    @PostMapping("/api/invites")
    @ResponseBody
    ResponseEntity<Map<String, Object>> invite(@Valid @RequestBody NewInvite invite, HttpServletRequest request) {
        Actor admin = CurrentActor.require();
        permissions.require(admin, Action.MANAGE_USERS);
        Clinic clinic = clinics.find(invite.clinicId()).filter(c -> admin.canAccessClinic(c.id()))
                .orElseThrow(() -> ApiProblem.invalidField("clinicId", "is not a clinic you administer"));
        if (!INVITABLE.contains(invite.role())) {
            throw ApiProblem.invalidField("role", "must be CLINIC_STAFF or CLINIC_ADMIN");
        }
        String token = invites.create(clinic.organizationId(), clinic.id(), invite.role(), invite.email().strip(),
                invite.firstName().strip(), invite.lastName().strip(), admin.username());
        String link = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath() + "/invite/" + token;
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("inviteLink", link, "expiresInHours", Invites.VALIDITY.toHours()));
    }

    @GetMapping("/invite/{token}")
    String page(@PathVariable String token, Model model) {
        return invites.open(token).map(invite -> form(model, invite, null)).orElse("invite-invalid");
    }

    @PostMapping("/invite/{token}")
    String accept(@PathVariable String token, @RequestParam String username, @RequestParam String password,
            @RequestParam String confirmation, Model model) {
        Invites.Invite invite = invites.open(token).orElse(null);
        if (invite == null) {
            return "invite-invalid";
        }
        String name = username.strip().toLowerCase();
        String problem = !name.matches("[a-z0-9][a-z0-9._-]{1,62}")
                ? "A username has 2 to 63 characters: lower-case letters, digits, dot, dash or underscore."
                : invites.usernameTaken(name) ? "That username is taken; choose another."
                : password.length() < 12 ? "Choose a password of at least 12 characters."
                : password.toLowerCase().contains(name) ? "The password must not contain the username."
                : !password.equals(confirmation) ? "The two passwords differ." : null;
        if (problem != null) {
            return form(model, invite, problem);
        }
        if (invites.accept(invite, name, password).isEmpty()) {
            return "invite-invalid";
        }
        events.publishEvent(new UserAccessChanged(name, "INVITE_ACCEPTED", invite.role().name(), name));
        return "redirect:/login?welcome";
    }

    private static String form(Model model, Invites.Invite invite, String error) {
        model.addAttribute("firstName", invite.firstName());
        model.addAttribute("error", error);
        return "invite";
    }

    /**
     * @param clinicId the clinic the new member works for
     * @param role CLINIC_STAFF or CLINIC_ADMIN
     * @param email where the link goes
     * @param firstName their first name
     * @param lastName their last name
     */
    record NewInvite(@NotNull UUID clinicId, @NotNull Role role, @NotBlank @Email @Size(max = 200) String email,
            @NotBlank @Size(max = 100) String firstName, @NotBlank @Size(max = 100) String lastName) {
    }

}
