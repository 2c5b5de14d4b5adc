package org.pestle.identity.internal.permissions;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.DataElement;
import org.pestle.identity.Permissions;
import org.pestle.identity.PermissionsChanged;
import org.pestle.identity.Role;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.ApiProblem.FieldError;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The permission matrix in force, kept in {@code permission_grant} and held in memory; a change by
 * a pharmacy admin applies to the next request, without a restart, and is published as
 * {@link PermissionsChanged}.
 */
@Service
class PermissionMatrix implements Permissions {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final AtomicReference<Grants> grants = new AtomicReference<>();

    PermissionMatrix(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    public boolean canRead(Actor actor, DataElement element) {
        Grants current = current();
        return actor.roles().stream().anyMatch(role -> current.read(role).contains(element));
    }

    @Override
    public boolean canDo(Actor actor, Action action) {
        Grants current = current();
        return actor.roles().stream().anyMatch(role -> current.actions(role).contains(action));
    }

    @Override
    public void require(Actor actor, Action action) {
        if (!canDo(actor, action)) {
            DeniedRequests.noteRefused(action);
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "Your role does not allow this action", List.of());
        }
    }

    @Override
    public Set<Role> rolesReading(DataElement element) {
        Grants current = current();
        return Arrays.stream(Role.values()).filter(role -> current.read(role).contains(element))
                .collect(java.util.stream.Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    @Override
    public Set<Role> rolesDoing(Action action) {
        Grants current = current();
        return Arrays.stream(Role.values()).filter(role -> current.actions(role).contains(action))
                .collect(java.util.stream.Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    /** What a role may read. */
    Set<DataElement> read(Role role) {
        return current().read(role);
    }

    /** What a role may do. */
    Set<Action> actions(Role role) {
        return current().actions(role);
    }

    /** Sets what a role may read and do. Pharmacy admins keep the right to manage users (no lock-out). */
    @Transactional
    void change(Role role, Set<DataElement> read, Set<Action> actions, String changedBy) {
        change(role, read, actions, changedBy, null);
    }

    /**
     * Sets the whole grid at once, in one transaction, with one reason: only the roles whose grants differ
     * are changed (each a history row and a {@link PermissionsChanged}); nothing is written if the
     * no-lock-out rule is broken or the reason is missing.
     *
     * @return the roles that changed
     */
    @Transactional
    List<Role> changeAll(Map<Role, Set<DataElement>> read, Map<Role, Set<Action>> actions, String changedBy,
            String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-permissions", "Invalid permissions",
                    "Say why the permissions change (at most 1000 characters)",
                    List.of(new FieldError("reason", "required, at most 1000 characters")));
        }
        Set<Action> admins = actions.getOrDefault(Role.PHARMACY_ADMIN, Set.of());
        if (!admins.contains(Action.MANAGE_USERS)) {
            throw lockOut();
        }
        List<Role> changed = new java.util.ArrayList<>();
        for (Role role : Role.values()) {
            Set<DataElement> newRead = read.getOrDefault(role, Set.of());
            Set<Action> newActions = actions.getOrDefault(role, Set.of());
            if (!newRead.equals(read(role)) || !newActions.equals(actions(role))) {
                change(role, newRead, newActions, changedBy, reason.strip());
                changed.add(role);
            }
        }
        return changed;
    }

    /**
     * One recorded change of a role's grants.
     *
     * @param role the role
     * @param changedBy username
     * @param at when
     * @param reason why, or null for an older change
     * @param added what the role gained ("read PATIENT_NAME", "do EXPORT")
     * @param removed what it lost
     */
    record Change(Role role, String changedBy, java.time.Instant at, String reason, List<String> added,
            List<String> removed) {

        /** When, as "2026-12-04 14:23 UTC". */
        public String when() {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                    .withZone(java.time.ZoneOffset.UTC).format(at);
        }
    }

    /** The recorded changes, newest first. */
    List<Change> history(int limit) {
        return jdbc.sql("""
                select role, changed_by, changed_at, reason, before, after from permission_matrix_change
                order by id desc limit ?""").param(limit)
                .query((rs, n) -> {
                    Set<String> before = items(rs.getString("before"));
                    Set<String> after = items(rs.getString("after"));
                    return new Change(Role.valueOf(rs.getString("role")), rs.getString("changed_by"),
                            rs.getTimestamp("changed_at").toInstant(), rs.getString("reason"),
                            after.stream().filter(i -> !before.contains(i)).toList(),
                            before.stream().filter(i -> !after.contains(i)).toList());
                }).list();
    }

    /** The items of a described grant set ("read=[A, B] do=[C]") as "read A", "read B", "do C". */
    static Set<String> items(String described) {
        Set<String> items = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(read|do)=\\[([^\\]]*)]").matcher(described);
        while (m.find()) {
            for (String item : m.group(2).split(",")) {
                if (!item.isBlank()) {
                    items.add(m.group(1) + " " + item.strip());
                }
            }
        }
        return items;
    }

    private static ApiProblem lockOut() {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-permissions", "Invalid permissions",
                "Pharmacy admins must keep MANAGE_USERS, or nobody could change the matrix again",
                List.of(new FieldError("do", "must contain MANAGE_USERS for PHARMACY_ADMIN")));
    }

    private void change(Role role, Set<DataElement> read, Set<Action> actions, String changedBy, String reason) {
        if (role == Role.PHARMACY_ADMIN && !actions.contains(Action.MANAGE_USERS)) {
            throw lockOut();
        }
        Set<DataElement> readBefore = read(role);
        Set<Action> doBefore = actions(role);
        jdbc.sql("delete from permission_grant where role = ?").param(role.name()).update();
        read.forEach(e -> insert(role, "READ", e.name()));
        actions.forEach(a -> insert(role, "DO", a.name()));
        jdbc.sql("insert into permission_matrix_change (role, changed_by, before, after, reason) values (?, ?, ?, ?, ?)")
                .params(role.name(), changedBy, describe(readBefore, doBefore), describe(read, actions), reason)
                .update();
        events.publishEvent(new PermissionsChanged(role, changedBy, readBefore, Set.copyOf(read), doBefore,
                Set.copyOf(actions), reason));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                grants.set(null);
            }
        });
    }

    /** Fills an empty matrix with the shipped defaults (first start). */
    @Transactional
    void seedDefaultsIfEmpty() {
        if (jdbc.sql("select count(*) from permission_grant").query(Long.class).single() > 0) {
            return;
        }
        DefaultPermissionMatrix.READ.forEach((role, elements) -> elements.forEach(e -> insert(role, "READ", e.name())));
        DefaultPermissionMatrix.DO.forEach((role, actions) -> actions.forEach(a -> insert(role, "DO", a.name())));
        grants.set(null);
    }

    /** The grants in force; an empty matrix (not seeded yet) is never kept, so it cannot outlive the seeding. */
    private Grants current() {
        Grants current = grants.get();
        if (current == null) {
            current = load();
            if (!current.isEmpty()) {
                grants.compareAndSet(null, current);
            }
        }
        return current;
    }

    private Grants load() {
        Map<Role, Set<DataElement>> read = new EnumMap<>(Role.class);
        Map<Role, Set<Action>> actions = new EnumMap<>(Role.class);
        Arrays.stream(Role.values()).forEach(role -> {
            read.put(role, EnumSet.noneOf(DataElement.class));
            actions.put(role, EnumSet.noneOf(Action.class));
        });
        jdbc.sql("select role, kind, item from permission_grant").query((rs, row) -> {
            Role role = Role.valueOf(rs.getString("role"));
            if (rs.getString("kind").equals("READ")) {
                read.get(role).add(DataElement.valueOf(rs.getString("item")));
            } else {
                actions.get(role).add(Action.valueOf(rs.getString("item")));
            }
            return null;
        }).list();
        return new Grants(read, actions);
    }

    private void insert(Role role, String kind, String item) {
        jdbc.sql("insert into permission_grant (role, kind, item) values (?, ?, ?)").params(role.name(), kind, item)
                .update();
    }

    private static String describe(Set<DataElement> read, Set<Action> actions) {
        return "read=" + new TreeSet<>(read.stream().map(Enum::name).toList()) + " do="
                + new TreeSet<>(actions.stream().map(Enum::name).toList());
    }

    private record Grants(Map<Role, Set<DataElement>> readByRole, Map<Role, Set<Action>> actionsByRole) {

        Set<DataElement> read(Role role) {
            return Set.copyOf(readByRole.get(role));
        }

        Set<Action> actions(Role role) {
            return Set.copyOf(actionsByRole.get(role));
        }

        boolean isEmpty() {
            return readByRole.values().stream().allMatch(Set::isEmpty)
                    && actionsByRole.values().stream().allMatch(Set::isEmpty);
        }
    }
}
