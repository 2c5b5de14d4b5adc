package org.pestle.identity.internal.permissions;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.DataElement;
import org.pestle.identity.Role;
import org.pestle.platform.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The permission matrix, in one place: {@code GET/PUT /api/admin/permissions} and the console page
 * {@code /console/permissions}. Only pharmacy admins (users with MANAGE_USERS on the pharmacy side)
 * change it.
 */
@Controller
class PermissionsController {

    private final PermissionMatrix matrix;

    PermissionsController(PermissionMatrix matrix) {
        this.matrix = matrix;
    }

    @GetMapping("/api/admin/permissions")
    @ResponseBody
    Map<Role, RolePermissions> all() {
        requireAdmin(true);
        Map<Role, RolePermissions> all = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            all.put(role, new RolePermissions(matrix.read(role), matrix.actions(role)));
        }
        return all;
    }

    @PutMapping("/api/admin/permissions/{role}")
    @ResponseBody
    RolePermissions change(@PathVariable Role role, @Valid @RequestBody RolePermissions permissions) {
        Actor admin = requireAdmin(true);
        matrix.change(role, permissions.read(), permissions.actions(), admin.username());
        return new RolePermissions(matrix.read(role), matrix.actions(role));
    }

    @GetMapping("/console/permissions")
    String page(Model model) {
        requireAdmin(false);
        model.addAttribute("roles", Role.values());
        model.addAttribute("elements", DataElement.values());
        model.addAttribute("actions", Action.values());
        Map<Role, RolePermissions> grants = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            grants.put(role, new RolePermissions(matrix.read(role), matrix.actions(role)));
        }
        model.addAttribute("grants", grants);
        model.addAttribute("history", matrix.history(50));
        return "permissions";
    }

    /** The whole grid, one save: {@code read.ROLE.ELEMENT} and {@code do.ROLE.ACTION} checkboxes and a {@code reason}. */
    @PostMapping("/console/permissions")
    String save(@RequestParam MultiValueMap<String, String> form, Model model) {
        Actor admin = requireAdmin(false);
        Map<Role, Set<DataElement>> read = new EnumMap<>(Role.class);
        Map<Role, Set<Action>> actions = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Set<DataElement> r = EnumSet.noneOf(DataElement.class);
            Set<Action> a = EnumSet.noneOf(Action.class);
            Arrays.stream(DataElement.values()).filter(e -> form.containsKey("read." + role.name() + "." + e.name()))
                    .forEach(r::add);
            Arrays.stream(Action.values()).filter(x -> form.containsKey("do." + role.name() + "." + x.name()))
                    .forEach(a::add);
            read.put(role, r);
            actions.put(role, a);
        }
        try {
            List<Role> changed = matrix.changeAll(read, actions, admin.username(), form.getFirst("reason"));
            model.addAttribute("saved", changed.isEmpty() ? "Nothing changed."
                    : "Saved the permissions of " + String.join(", ", changed.stream().map(Role::groupName).toList())
                            + ".");
        } catch (ApiProblem problem) {
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("reason", form.getFirst("reason"));
        }
        return page(model);
    }

    private Actor requireAdmin(boolean api) {
        Actor actor = CurrentActor.require();
        if (!actor.pharmacySide() || !matrix.canDo(actor, Action.MANAGE_USERS)) {
            if (api) {
                throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                        "Only pharmacy admins change the permission matrix", List.of());
            }
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return actor;
    }

    /**
     * What one role may read and do.
     *
     * @param read data elements
     * @param actions actions (JSON: {@code do})
     */
    record RolePermissions(@NotNull Set<DataElement> read,
            @NotNull @com.fasterxml.jackson.annotation.JsonProperty("do") Set<Action> actions) {
    }
}
