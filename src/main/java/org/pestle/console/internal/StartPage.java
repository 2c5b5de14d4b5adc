package org.pestle.console.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.pestle.audit.ActivityFeed;
import org.pestle.audit.ActivityFeed.Kind;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.DataElement;
import org.pestle.identity.Permissions;
import org.pestle.identity.Role;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.ClinicSettingsChange;
import org.pestle.tenancy.Clinics;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The start page: per clinic its settings in words with their last change, the permission matrix in a
 * few lines, the last 24 hours of activity (filterable by kind) and what needs attention. Each part only
 * for the roles it concerns: clinic settings for pharmacy admins (all clinics) and clinic admins (theirs),
 * the matrix summary for those who manage users.
 */
@Controller
class StartPage {

    private static final Duration DAY = Duration.ofHours(24);

    private final Clinics clinics;
    private final Permissions permissions;
    private final ActivityFeed activity;
    private final AttentionCounts attention;
    StartPage(Clinics clinics, Permissions permissions, ActivityFeed activity, AttentionCounts attention) {
        this.clinics = clinics;
        this.permissions = permissions;
        this.activity = activity;
        this.attention = attention;
    }

    /**
     * One clinic setting in words.
     *
     * @param label what it governs ("Providers can order")
     * @param value its value in words ("approved compounds only")
     */
    record Setting(String label, String value) {
    }

    /**
     * A clinic's settings on the start page.
     *
     * @param clinic the clinic
     * @param settings its settings in words
     * @param lastChange the last recorded change, or null
     * @param editable whether the viewer may open its change page
     */
    record ClinicCard(Clinic clinic, List<Setting> settings, ClinicSettingsChange lastChange, boolean editable) {
    }

    /**
     * A line of the permission summary.
     *
     * @param label what it is about ("See patient names")
     * @param roles the roles, in words
     */
    record Summary(String label, String roles) {
    }

    /**
     * A filter of the activity feed.
     *
     * @param label its name
     * @param kind the kind's name, or null for all
     * @param current whether it is applied
     */
    record Filter(String label, String kind, boolean current) {
    }

    @GetMapping("/")
    String home(@RequestParam(required = false) String kind, Model model) {
        Actor actor = CurrentActor.require();
        Kind filter = Arrays.stream(Kind.values()).filter(k -> k.name().equalsIgnoreCase(kind)).findFirst().orElse(null);
        model.addAttribute("actor", actor);
        model.addAttribute("words", Words.INSTANCE);
        model.addAttribute("clinicCards", clinicCards(actor));
        model.addAttribute("summary", summary(actor));
        model.addAttribute("canEditPermissions", actor.pharmacySide() && permissions.canDo(actor, Action.MANAGE_USERS));
        model.addAttribute("attention", attention.of(actor));
        model.addAttribute("filters", filters(filter));
        model.addAttribute("activity", activity.within(actor, DAY, filter, 50));
        return "home";
    }

    private List<ClinicCard> clinicCards(Actor actor) {
        boolean pharmacyAdmin = actor.pharmacySide()
                && (permissions.canDo(actor, Action.EDIT_RULES) || permissions.canDo(actor, Action.MANAGE_USERS));
        boolean clinicAdmin = actor.has(Role.CLINIC_ADMIN);
        if (!pharmacyAdmin && !clinicAdmin) {
            return List.of();
        }
        boolean editable = permissions.canDo(actor, Action.EDIT_RULES);
        List<ClinicCard> cards = new ArrayList<>();
        for (Clinic clinic : clinics.all()) {
            if (!pharmacyAdmin && !actor.clinicIds().contains(clinic.id())) {
                continue;
            }
            List<ClinicSettingsChange> history = clinics.settingsHistory(clinic.id());
            cards.add(new ClinicCard(clinic, settings(clinic), history.isEmpty() ? null : history.get(0), editable));
        }
        return cards;
    }

    static List<Setting> settings(Clinic clinic) {
        return List.of(
                new Setting("Providers can order", clinic.approvedCompoundsOnly() ? "approved compounds only"
                        : "any catalog item"),
                new Setting("Patient self-pay", clinic.patientSelfPayEnabled() ? "enabled" : "disabled"),
                new Setting("Clinic-pay automation", switch (clinic.clinicPayAutomation()) {
                    case NEVER -> "never";
                    case WHEN_APPLICABLE -> "when applicable";
                    case ALWAYS -> "always";
                }),
                new Setting("Refill reminders", clinic.refillReminderLeadDays() + " days before the supply runs out"));
    }

    private List<Summary> summary(Actor actor) {
        if (!permissions.canDo(actor, Action.MANAGE_USERS)) {
            return List.of();
        }
        return List.of(
                new Summary("See patient names", roles(permissions.rolesReading(DataElement.PATIENT_NAME))),
                new Summary("Approve orders", roles(permissions.rolesDoing(Action.APPROVE))),
                new Summary("Export", roles(permissions.rolesDoing(Action.EXPORT))),
                new Summary("Edit rules", roles(permissions.rolesDoing(Action.EDIT_RULES))),
                new Summary("Manage users", roles(permissions.rolesDoing(Action.MANAGE_USERS))));
    }

    private static String roles(Set<Role> roles) {
        return roles.isEmpty() ? "nobody"
                : String.join(", ", roles.stream().sorted().map(r -> r.groupName().toLowerCase()).toList());
    }

    private static List<Filter> filters(Kind current) {
        List<Filter> filters = new ArrayList<>();
        filters.add(new Filter("All", null, current == null));
        filters.add(new Filter("Orders", Kind.ORDERS.name().toLowerCase(), current == Kind.ORDERS));
        filters.add(new Filter("Payments", Kind.PAYMENTS.name().toLowerCase(), current == Kind.PAYMENTS));
        filters.add(new Filter("Permissions and rules", Kind.PERMISSIONS_AND_RULES.name().toLowerCase(),
                current == Kind.PERMISSIONS_AND_RULES));
        filters.add(new Filter("Access and security", Kind.ACCESS_AND_SECURITY.name().toLowerCase(),
                current == Kind.ACCESS_AND_SECURITY));
        return filters;
    }
}
