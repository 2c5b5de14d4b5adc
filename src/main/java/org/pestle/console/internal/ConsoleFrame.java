package org.pestle.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.pestle.identity.Role;
import org.pestle.ordering.Orders;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The frame of every console page ({@code templates/frame.html}, fragment {@code header}): the pharmacy's
 * name, the navigation a user's role may open, the signed-in user and sign-out. It is a model attribute
 * ({@code frame}) of every controller, whichever module's, so a page adopts it with
 * {@code <header th:replace="~{frame :: header}"></header>}; a page without a signed-in user (sign-in,
 * the patient's page) gets none and the fragment shows just the name.
 */
@ControllerAdvice
class ConsoleFrame {

    /** Roles that work in Tasklist (and pharmacy admins, who are Camunda administrators). */
    private static final Set<Role> TASKLIST_ROLES = Set.of(Role.PHARMACIST, Role.PHARMACY_TECHNICIAN, Role.PRESCRIBER,
            Role.PRIVACY_OFFICER, Role.PHARMACY_ADMIN);
    private static final Set<Role> COCKPIT = Set.of(Role.OPERATOR, Role.PHARMACY_ADMIN);

    /**
     * Tasklist sorts its list by the {@code sorting} parameter of its address (default: newest first),
     * not by the filter's saved order: the queue opens sorted by priority, then oldest first.
     */
    static final String TASKLIST = "/camunda/app/tasklist/#/?sorting=" + java.net.URLEncoder.encode(
            "[{\"sortBy\":\"priority\",\"sortOrder\":\"desc\"},{\"sortBy\":\"created\",\"sortOrder\":\"asc\"}]",
            java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");

    private final Permissions permissions;
    private final Orders orders;
    private final String pharmacyName;

    ConsoleFrame(Permissions permissions, Orders orders,
            @Value("${pestle.payments.pharmacy-name}") String pharmacyName) {
        this.permissions = permissions;
        this.orders = orders;
        this.pharmacyName = pharmacyName;
    }

    /**
     * One link of the navigation.
     *
     * @param label what it says
     * @param href where it goes
     * @param current whether it is the page shown
     */
    record Link(String label, String href, boolean current) {
    }

    /**
     * The frame of one page.
     *
     * @param pharmacyName the pharmacy's name
     * @param username who is signed in, or null
     * @param roles the user's roles in words
     * @param links what the user may open
     */
    record Frame(String pharmacyName, String username, String roles, List<Link> links) {
    }

    @ModelAttribute("frame")
    Frame frame(HttpServletRequest request) {
        Actor actor = CurrentActor.find().orElse(null);
        if (actor == null) {
            return new Frame(pharmacyName, null, "", List.of());
        }
        return new Frame(pharmacyName, actor.username(), roles(actor), links(actor, request.getRequestURI()));
    }

    /** The pages this actor's roles may open, in the order of the navigation. */
    List<Link> links(Actor actor, String path) {
        List<Link> links = new ArrayList<>();
        add(links, "Start", "/", path);
        if (orders.readsOrders(actor)) {
            add(links, "Orders", "/console/orders", path);
            add(links, "Refills", "/console/refills", path);
        }
        if (actor.pharmacySide() && permissions.canDo(actor, Action.VIEW_STOCK)) {
            add(links, "Stock", "/console/stock", path);
        }
        if (permissions.canDo(actor, Action.VIEW_RECALLS)) {
            add(links, "Recalls", "/console/recalls", path);
        }
        if (permissions.canDo(actor, Action.EDIT_RULES)) {
            add(links, "Rules", "/console/rules", path);
            add(links, "Clinic settings", "/console/clinics", path);
        }
        if (actor.pharmacySide() && permissions.canDo(actor, Action.MANAGE_USERS)) {
            add(links, "Permissions", "/console/permissions", path);
        }
        if (permissions.canDo(actor, Action.VIEW_AUDIT)) {
            add(links, "Audit trail", "/console/audit", path);
        }
        add(links, "API tokens", "/console/tokens", path);
        if (actor.roles().stream().anyMatch(TASKLIST_ROLES::contains)) {
            add(links, "Tasklist", TASKLIST, path);
        }
        if (actor.roles().stream().anyMatch(COCKPIT::contains)) {
            add(links, "Cockpit", "/camunda/app/cockpit/", path);
        }
        return links;
    }

    private static void add(List<Link> links, String label, String href, String path) {
        boolean current = "/".equals(href) ? "/".equals(path) : path != null && path.startsWith(href);
        links.add(new Link(label, href, current));
    }

    private static String roles(Actor actor) {
        return String.join(", ", actor.roles().stream().sorted()
                .map(role -> role.name().toLowerCase().replace('_', ' ')).toList());
    }
}
