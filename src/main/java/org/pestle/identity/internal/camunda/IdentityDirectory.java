package org.pestle.identity.internal.camunda;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.authorization.Groups;
import org.pestle.identity.Role;
import org.pestle.identity.internal.UserAccount;
import org.pestle.identity.internal.UserAccounts;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.springframework.stereotype.Component;

/**
 * Pestle's users, roles and clinics as Camunda sees them: users by username, one group per role,
 * one tenant per clinic (by clinic code). Pharmacy-side users are members of every clinic tenant by
 * policy; clinic-side users of the clinics they are assigned to.
 */
@Component
class IdentityDirectory {

    /** Pharmacy admins administer Camunda (Admin webapp); clinical approval is refused to them on the server. */
    static final String CAMUNDA_ADMIN = Groups.CAMUNDA_ADMIN;

    private final UserAccounts accounts;
    private final Clinics clinics;

    IdentityDirectory(UserAccounts accounts, Clinics clinics) {
        this.accounts = accounts;
        this.clinics = clinics;
    }

    Snapshot snapshot() {
        return new Snapshot(accounts.enabled(), clinics.all());
    }

    Optional<UserAccount> user(String username) {
        return accounts.findByUsername(username).filter(UserAccount::enabled);
    }

    /** A consistent view for one query. */
    record Snapshot(List<UserAccount> users, List<Clinic> clinics) {

        Set<String> groupsOf(UserAccount user) {
            Set<String> groups = new LinkedHashSet<>();
            user.roles().forEach(r -> groups.add(r.groupId()));
            if (user.roles().contains(Role.PHARMACY_ADMIN)) {
                groups.add(CAMUNDA_ADMIN);
            }
            return groups;
        }

        Set<String> tenantsOf(UserAccount user) {
            boolean pharmacySide = user.roles().stream().anyMatch(Role::pharmacySide);
            Map<UUID, String> codes = clinics.stream().collect(Collectors.toMap(Clinic::id, Clinic::code));
            return pharmacySide ? Set.copyOf(codes.values())
                    : user.clinicIds().stream().map(codes::get).filter(c -> c != null).collect(Collectors.toSet());
        }

        Map<String, Clinic> clinicsByCode() {
            return clinics.stream().collect(Collectors.toMap(Clinic::code, Function.identity()));
        }
    }
}
