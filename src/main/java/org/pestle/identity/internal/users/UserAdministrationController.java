package org.pestle.identity.internal.users;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.identity.Role;
import org.pestle.identity.UserAccessChanged;
import org.pestle.identity.internal.UserAccount;
import org.pestle.identity.internal.UserAccounts;
import org.pestle.identity.internal.camunda.CamundaTaskReturns;
import org.pestle.platform.ApiProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * User administration for pharmacy admins (every user) and clinic admins (clinic staff of their own
 * clinics). A change takes effect on the user's next request: their sessions end (the security
 * stamp moves) and tasks they had claimed from a queue go back to it.
 */
@RestController
@RequestMapping("/api/admin/users")
class UserAdministrationController {

    private static final Set<Role> CLINIC_ADMIN_MAY_GRANT = Set.of(Role.CLINIC_STAFF, Role.CLINIC_ADMIN);

    private final UserAccounts accounts;
    private final Permissions permissions;
    private final CamundaTaskReturns tasks;
    private final ApplicationEventPublisher events;

    UserAdministrationController(UserAccounts accounts, Permissions permissions, CamundaTaskReturns tasks,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.permissions = permissions;
        this.tasks = tasks;
        this.events = events;
    }

    @GetMapping
    List<UserSummary> list() {
        Actor admin = admin();
        return accounts.all().stream().filter(user -> manages(admin, user)).map(UserSummary::of).toList();
    }

    @PostMapping("/{username}/disable")
    @Transactional
    ResponseEntity<Void> disable(@PathVariable String username) {
        Actor admin = admin();
        UserAccount user = managed(admin, username);
        if (user.id().equals(admin.userId())) {
            throw ApiProblem.conflict("self-disable", "You cannot disable your own account");
        }
        accounts.setEnabled(user.id(), false);
        tasks.returnClaimedTasks(username);
        changed(username, "DISABLED", null, admin);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{username}/enable")
    @Transactional
    ResponseEntity<Void> enable(@PathVariable String username) {
        Actor admin = admin();
        accounts.setEnabled(managed(admin, username).id(), true);
        changed(username, "ENABLED", null, admin);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{username}/unlock")
    @Transactional
    ResponseEntity<Void> unlock(@PathVariable String username) {
        Actor admin = admin();
        accounts.unlock(managed(admin, username).id());
        changed(username, "UNLOCKED", null, admin);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{username}/roles/{role}")
    @Transactional
    ResponseEntity<Void> addRole(@PathVariable String username, @PathVariable Role role) {
        Actor admin = admin();
        UserAccount user = managed(admin, username);
        if (!admin.pharmacySide() && !CLINIC_ADMIN_MAY_GRANT.contains(role)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "Clinic admins grant the clinic staff and clinic admin roles only", List.of());
        }
        accounts.addRole(user.id(), role);
        changed(username, "ROLE_ADDED", role.name(), admin);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{username}/roles/{role}")
    @Transactional
    ResponseEntity<Void> removeRole(@PathVariable String username, @PathVariable Role role) {
        Actor admin = admin();
        UserAccount user = managed(admin, username);
        if (accounts.removeRole(user.id(), role)) {
            tasks.returnClaimedTasks(username);
            changed(username, "ROLE_REMOVED", role.name(), admin);
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{username}/mfa")
    @Transactional
    ResponseEntity<Void> resetMfa(@PathVariable String username) {
        Actor admin = admin();
        accounts.resetMfa(managed(admin, username).id());
        changed(username, "MFA_RESET", null, admin);
        return ResponseEntity.noContent().build();
    }

    private Actor admin() {
        Actor actor = CurrentActor.require();
        permissions.require(actor, Action.MANAGE_USERS);
        return actor;
    }

    /** The user, if this admin manages them; otherwise "not found", the same as for an unknown user. */
    private UserAccount managed(Actor admin, String username) {
        return accounts.findByUsername(username).filter(user -> manages(admin, user))
                .orElseThrow(() -> ApiProblem.notFound("User " + username));
    }

    private static boolean manages(Actor admin, UserAccount user) {
        if (admin.pharmacySide()) {
            return true;
        }
        boolean clinicSideOnly = user.roles().stream().noneMatch(Role::pharmacySide);
        return clinicSideOnly && user.organizationId().equals(admin.organizationId())
                && !user.clinicIds().isEmpty() && admin.clinicIds().containsAll(user.clinicIds());
    }

    private void changed(String username, String change, String detail, Actor admin) {
        events.publishEvent(new UserAccessChanged(username, change, detail, admin.username()));
    }

    /** A user as an administrator sees them. */
    record UserSummary(String username, String firstName, String lastName, Set<Role> roles, Set<UUID> clinicIds,
            boolean enabled, boolean mfaEnrolled, boolean locked) {

        static UserSummary of(UserAccount account) {
            return new UserSummary(account.username(), account.firstName(), account.lastName(), account.roles(),
                    account.clinicIds(), account.enabled(), account.mfaEnrolled(), account.lockedUntil() != null);
        }
    }
}
