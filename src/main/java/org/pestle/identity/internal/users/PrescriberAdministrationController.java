package org.pestle.identity.internal.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.identity.Role;
import org.pestle.identity.UserAccessChanged;
import org.pestle.identity.internal.UserAccount;
import org.pestle.identity.internal.UserAccounts;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.ApiProblem.FieldError;
import org.pestle.tenancy.Prescriber;
import org.pestle.tenancy.Prescribers;
import org.pestle.tenancy.ProviderIdentifiers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prescriber credentials: {@code PUT /api/admin/users/{username}/prescriber} with an NPI (checked
 * by its check digit) and, for prescribers of controlled substances, a DEA registration (format,
 * check digit, last-name initial). Pharmacy admins for everyone; clinic admins for their clinics'
 * users.
 */
@RestController
class PrescriberAdministrationController {

    private final UserAccounts accounts;
    private final Permissions permissions;
    private final Prescribers prescribers;
    private final ApplicationEventPublisher events;

    PrescriberAdministrationController(UserAccounts accounts, Permissions permissions, Prescribers prescribers,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.permissions = permissions;
        this.prescribers = prescribers;
        this.events = events;
    }

    @PutMapping("/api/admin/users/{username}/prescriber")
    @Transactional
    Prescriber register(@PathVariable String username, @Valid @RequestBody Credentials credentials) {
        Actor admin = CurrentActor.require();
        permissions.require(admin, Action.MANAGE_USERS);
        UserAccount user = accounts.findByUsername(username)
                .filter(u -> admin.pharmacySide() || (u.roles().stream().noneMatch(Role::pharmacySide)
                        && !u.clinicIds().isEmpty() && admin.clinicIds().containsAll(u.clinicIds())))
                .orElseThrow(() -> ApiProblem.notFound("User " + username));
        List<FieldError> errors = new ArrayList<>();
        String npi = credentials.npi().strip();
        if (!ProviderIdentifiers.isValidNpi(npi)) {
            errors.add(new FieldError("npi", "is not a valid NPI (ten digits with a correct check digit)"));
        }
        Optional<String> dea = Optional.ofNullable(credentials.deaNumber()).map(String::strip)
                .filter(s -> !s.isEmpty()).map(String::toUpperCase);
        dea.flatMap(number -> ProviderIdentifiers.deaProblem(number, user.lastName()))
                .ifPresent(problem -> errors.add(new FieldError("deaNumber", problem)));
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-identifier",
                    "Invalid prescriber identifier", "Invalid fields: "
                    + String.join(", ", errors.stream().map(FieldError::field).toList()), errors);
        }
        try {
            Prescriber prescriber = prescribers.register(user.id(), user.username(), user.organizationId(), npi, dea);
            accounts.addRole(user.id(), Role.PRESCRIBER);
            events.publishEvent(new UserAccessChanged(username, "PRESCRIBER_CREDENTIALS", null, admin.username()));
            return prescriber;
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict("npi-in-use", "Another prescriber is registered with this NPI");
        }
    }

    /**
     * @param npi National Provider Identifier
     * @param deaNumber DEA registration number, optional
     */
    record Credentials(@NotBlank String npi, String deaNumber) {
    }
}
