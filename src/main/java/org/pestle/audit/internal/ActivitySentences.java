package org.pestle.audit.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.pestle.identity.People.Person;
import org.pestle.identity.Role;

/**
 * Tells an audit record as a sentence of the activity feed. What the viewer may not see is left out
 * of the sentence, not masked: "The patient paid for order #2847" instead of a name and an amount.
 */
final class ActivitySentences {

    /** The actions the feed tells of, by the permission the viewer needs to see them. */
    static final Set<String> ORDER_ACTIONS = Set.of("order.created", "order.approved", "order.rejected",
            "order.cancelled", "payment.captured", "payment.invoiced", "payment.refunded", "payment.failed",
            "compounding.recorded", "final-check.passed", "final-check.sent-back", "order.ready-for-pickup",
            "pickup.recorded", "order.first-verified", "final-check.first-of-two-passed", "shipment.recorded",
            "delivery.recorded", "preparations.destroyed", "order.returned-to-stock");
    static final Set<String> PATIENT_ACTIONS = Set.of("patient.created", "patient.changed", "texts.opted-out",
            "texts.opted-in", "refill.reminder-sent", "refill.requested", "refill.paused", "refill.refused",
            "refill.ordered", "refill.renewal-requested", "refill.renewal-answered", "refill.adherence-call-recorded",
            "refill.stopped");
    static final Set<String> ACCESS_ACTIONS = Set.of("permissions.changed", "user.access-changed",
            "elevated-access.granted", "elevated-access.used", "account.locked");
    static final Set<String> RULE_ACTIONS = Set.of("decision.published", "decision.rolled-back",
            "clinic-settings.changed");
    static final Set<String> DISCLOSURE_ACTIONS = Set.of("patients.exported", "audit.exported", "pdmp.submitted",
            "pdmp.file-downloaded");
    static final Set<String> RECALL_ACTIONS = Set.of("recall.confirmed", "recall.prescriber-notified",
            "recall.patient-notified", "recall.contact-escalated", "recall.contact-recorded", "recall.closed");
    static final Set<String> STOCK_ACTIONS = Set.of("lot.quarantined", "stock.destroyed", "par-level.set",
            "purchase-order.created", "purchase-order.received", "return.requested", "return.picked",
            "return.packed", "return.shipped", "return.credited", "return.denied", "controlled.reconciled",
            "controlled.variance-investigated", "controlled.biennial-inventory", "controlled.destruction-requested",
            "controlled.destruction-witnessed", "stock.expiry-reviewed");

    /** The kind of each action the feed tells of (the start page's filter). */
    static org.pestle.audit.ActivityFeed.Kind kindOf(String action) {
        if (action.startsWith("payment.")) {
            return org.pestle.audit.ActivityFeed.Kind.PAYMENTS;
        }
        if (RULE_ACTIONS.contains(action) || "permissions.changed".equals(action)) {
            return org.pestle.audit.ActivityFeed.Kind.PERMISSIONS_AND_RULES;
        }
        if (ACCESS_ACTIONS.contains(action) || DISCLOSURE_ACTIONS.contains(action)) {
            return org.pestle.audit.ActivityFeed.Kind.ACCESS_AND_SECURITY;
        }
        return org.pestle.audit.ActivityFeed.Kind.ORDERS;
    }

    private static final NumberFormat DOLLARS = NumberFormat.getCurrencyInstance(Locale.US);

    /** One audit record, as the feed reads it. */
    record Told(String actor, String actorRole, String action, String entityType, String entityId, UUID patientId,
            UUID clinicId, Map<String, Object> details) {
    }

    /**
     * What the sentences may name.
     *
     * @param people the users named by the records
     * @param patientNames short names of the records' patients, empty when the viewer may not read names
     * @param clinicNames names of the records' clinics
     * @param showAmounts whether the viewer may see order prices and payments
     */
    record Names(Map<String, Person> people, Map<UUID, String> patientNames, Function<UUID, Optional<String>> clinicNames,
            boolean showAmounts) {
    }

    private ActivitySentences() {
    }

    /** The sentence of this record, or empty for an action the feed does not tell of. */
    static Optional<String> sentence(Told r, Names names) {
        String who = actor(r, names);
        String order = orderNumber(r).map(n -> "order #" + n).orElse("an order");
        String sentence = switch (r.action()) {
            case "order.created" -> who + " submitted " + order;
            case "order.approved" -> who + " approved " + order;
            case "order.first-verified" -> who + " verified " + order + "; a second pharmacist must also verify it";
            case "final-check.first-of-two-passed" -> who + " checked " + order
                    + "; a second pharmacist must also check it before release";
            case "order.rejected" -> who + " rejected " + order;
            case "order.cancelled" -> who + " cancelled " + order + code(r, "reason").map(c -> " (" + c + ")").orElse("");
            case "payment.captured" -> "CLINIC_CARD".equals(text(r, "route"))
                    ? possessive(clinic(r, names)) + " card was charged" + amount(r, names, " ") + " for " + order
                    : patient(r, names) + " paid" + amount(r, names, " ") + " for " + order;
            case "payment.invoiced" -> capitalized(order) + " went onto " + possessive(clinic(r, names)) + " invoice"
                    + amount(r, names, " for ");
            case "payment.refunded" -> amount(r, names, "").isEmpty()
                    ? "The payment for " + order + " was refunded"
                    : amount(r, names, "") + " was refunded for " + order;
            case "payment.failed" -> "The payment for " + order + " failed"
                    + code(r, "failureCode").map(c -> " (" + c + ")").orElse("");
            case "compounding.recorded" -> who + " compounded line " + number(r, "lineNumber").orElse(1L) + " of "
                    + order
                    + lotCount(r).map(n -> " from " + n + (n == 1 ? " lot" : " lots")).orElse("");
            case "final-check.passed" -> who + " checked and released " + order;
            case "final-check.sent-back" -> who + " sent " + order + " back to compounding"
                    + code(r, "reason").map(c -> " (" + c + ")").orElse("");
            case "order.ready-for-pickup" -> capitalized(order) + " is ready for pickup";
            case "pickup.recorded" -> who + " handed over " + order
                    + (Boolean.TRUE.equals(r.details().get("idChecked")) ? " after an ID check" : "");
            case "shipment.recorded" -> who + " shipped " + order
                    + Optional.ofNullable(text(r, "carrier")).map(c -> " with " + c.replace('_', ' ')).orElse("");
            case "delivery.recorded" -> who + " recorded the delivery of " + order;
            case "preparations.destroyed" -> who + " destroyed the preparation of " + order
                    + code(r, "reason").map(c -> " (" + c + ")").orElse("");
            case "order.returned-to-stock" -> who + " returned " + order + " to stock"
                    + code(r, "reason").map(c -> " (" + c + ")").orElse("");
            case "patient.created" -> who + " added " + patientOrNone(r, names, "a patient", "patient ");
            case "refill.reminder-sent" -> capitalized(patientOrNone(r, names, "a patient", "patient "))
                    + ("2".equals(text(r, "code")) ? " was reminded again" : " was reminded") + " to refill " + order;
            case "refill.requested" -> capitalized(patientOrNone(r, names, "a patient", "patient "))
                    + " asked for a refill of " + order + ("PATIENT_PAGE".equals(text(r, "code")) ? " on the patient page"
                    : " by text");
            case "refill.paused" -> capitalized(patientOrNone(r, names, "a patient", "patient "))
                    + " paused the refill of " + order;
            case "refill.refused" -> "The refill of " + order + " was refused"
                    + code(r, "code").map(c -> " (" + c + ")").orElse("");
            case "refill.ordered" -> "A refill of " + order + " was ordered: order #" + text(r, "code");
            case "refill.renewal-requested" -> "The prescriber was asked to renew " + order
                    + code(r, "code").map(c -> " (" + c + ")").orElse("");
            case "refill.renewal-answered" -> who + " answered the renewal request for " + order
                    + code(r, "code").map(c -> " (" + c + ")").orElse("");
            case "refill.adherence-call-recorded" -> who + " called the patient about the refill of " + order
                    + code(r, "code").map(c -> " (" + c + ")").orElse("");
            case "refill.stopped" -> "No more refill reminders for " + order + ": the patient replied STOP";
            case "texts.opted-out" -> capitalized(patientOrNone(r, names, "a patient", "patient "))
                    + " replied STOP: no more texts";
            case "texts.opted-in" -> capitalized(patientOrNone(r, names, "a patient", "patient "))
                    + " replied START: texts again";
            case "patient.changed" -> who + " updated " + patientOrNone(r, names, "a patient's record", "the record of patient ");
            case "permissions.changed" -> "Permissions of " + roleGroup(r.entityId()) + " updated by " + who;
            case "user.access-changed" -> who + " changed the access of " + r.entityId()
                    + code(r, "change").map(c -> " (" + c + ")").orElse("");
            case "elevated-access.granted" -> who + " was granted emergency access to " + clinic(r, names);
            case "elevated-access.used" -> who + " used emergency access to " + clinic(r, names);
            case "account.locked" -> "The account " + r.entityId() + " was locked after failed sign-ins";
            case "decision.published" -> who + " published the " + decisionName(r.entityId()) + " rules"
                    + number(r, "version").map(v -> " (version " + v + ")").orElse("");
            case "decision.rolled-back" -> who + " rolled the " + decisionName(r.entityId()) + " rules back"
                    + number(r, "restoredVersion").map(v -> " to version " + v).orElse("");
            case "clinic-settings.changed" -> who + " changed the settings of " + clinic(r, names);
            case "patients.exported" -> who + " exported " + count(r, "patients", "patient record");
            case "audit.exported" -> who + " exported " + count(r, "records", "audit record");
            case "recall.confirmed" -> who + " confirmed recall " + text(r, "recallNumber")
                    + number(r, "lots").map(n -> " (" + n + (n == 1 ? " lot)" : " lots)")).orElse("");
            case "recall.prescriber-notified" -> "The prescriber of " + patientOrNone(r, names, "a patient", "patient ")
                    + " was told of recall " + text(r, "recallNumber");
            case "recall.patient-notified" -> Boolean.TRUE.equals(r.details().get("textQueued"))
                    ? capitalized(patientOrNone(r, names, "a patient", "patient ")) + " was texted to call about recall "
                            + text(r, "recallNumber")
                    : capitalized(patientOrNone(r, names, "a patient", "patient "))
                            + " opted out of texts: not texted about recall " + text(r, "recallNumber");
            case "recall.contact-escalated" -> "The recall contact of " + patientOrNone(r, names, "a patient", "patient ")
                    + " is overdue (recall " + text(r, "recallNumber") + ")";
            case "recall.contact-recorded" -> Boolean.TRUE.equals(r.details().get("reached"))
                    ? who + " reached " + patientOrNone(r, names, "a patient", "patient ") + " about recall "
                            + text(r, "recallNumber")
                    : who + " could not reach " + patientOrNone(r, names, "a patient", "patient ") + " about recall "
                            + text(r, "recallNumber") + code(r, "outcome").map(c -> " (" + c + ")").orElse("");
            case "recall.closed" -> "Recall " + text(r, "recallNumber") + " closed: "
                    + count(r, "patients", "patient") + ", " + number(r, "reached").orElse(0L) + " reached";
            case "pdmp.submitted" -> Boolean.TRUE.equals(r.details().get("zeroReport"))
                    ? who + " sent a zero report to the " + text(r, "state") + " PDMP"
                    : who + " reported " + count(r, "dispenses", "controlled dispense") + " to the " + text(r, "state")
                            + " PDMP";
            case "pdmp.file-downloaded" -> who + " downloaded PDMP file " + text(r, "controlNumber");
            case "lot.quarantined" -> who + " quarantined a lot"
                    + code(r, "reason").map(c -> " (" + c + ")").orElse("");
            case "stock.destroyed" -> who + " took stock out of a lot for destruction"
                    + code(r, "reason").map(c -> " (" + c + ")").orElse("");
            case "par-level.set" -> who + " set the par level of " + textOr(r, "ndc", "an item");
            case "purchase-order.created" -> who + " created a purchase order for " + textOr(r, "wholesaler", "a wholesaler");
            case "purchase-order.received" -> who + " received a purchase order from " + textOr(r, "wholesaler", "a wholesaler")
                    + (Boolean.TRUE.equals(r.details().get("discrepancy")) ? " (short or over shipped)" : "");
            case "return.requested" -> who + " started a return to " + textOr(r, "wholesaler", "a wholesaler");
            case "return.picked", "return.packed", "return.shipped" -> who + " "
                    + r.action().substring("return.".length()) + " a return to the wholesaler";
            case "return.credited" -> "The wholesaler credited a return (recorded by " + who + ")";
            case "return.denied" -> "The wholesaler denied a return (recorded by " + who + ")";
            case "controlled.reconciled" -> who + " reconciled " + textOr(r, "ndc", "an item")
                    + (Boolean.TRUE.equals(r.details().get("variance")) ? ": the count differs from the ledger"
                            : ": the count matches the ledger");
            case "controlled.variance-investigated" -> who + " closed a controlled-substance investigation"
                    + code(r, "outcome").map(c -> " (" + c + ")").orElse("");
            case "controlled.biennial-inventory" -> who + " took the biennial controlled-substance inventory";
            case "controlled.destruction-requested" -> who + " asked for a witnessed destruction of controlled stock";
            case "controlled.destruction-witnessed" -> who + " witnessed the destruction of controlled stock";
            case "stock.expiry-reviewed" -> who + " reviewed the expiring stock";
            default -> null;
        };
        return Optional.ofNullable(sentence);
    }

    /**
     * How the feed names a user: prescribers as "Dr. Reyes", everyone else by first name and role
     * ("Jane (admin)"), background work as "Pestle", an unknown name as it was recorded.
     */
    static String actor(Told r, Names names) {
        if (r.actor().startsWith("system")) {
            return "Pestle";
        }
        Person person = names.people().get(r.actor());
        if (person == null) {
            return r.actor();
        }
        String roles = r.actorRole() == null ? "" : r.actorRole();
        if (Arrays.asList(roles.split(",")).contains(Role.PRESCRIBER.name())) {
            return "Dr. " + person.lastName();
        }
        return roleWord(roles).map(word -> person.firstName() + " (" + word + ")").orElse(person.firstName());
    }

    /** The word for the user's main role, pharmacy roles first. */
    private static Optional<String> roleWord(String roles) {
        for (Role role : Role.values()) {
            if (Arrays.asList(roles.split(",")).contains(role.name())) {
                return Optional.of(switch (role) {
                    case PHARMACIST -> "pharmacist";
                    case PHARMACY_TECHNICIAN -> "technician";
                    case PHARMACY_ADMIN -> "admin";
                    case OPERATOR -> "operator";
                    case PRIVACY_OFFICER -> "privacy officer";
                    case PRESCRIBER -> "prescriber";
                    case CLINIC_STAFF -> "clinic staff";
                    case CLINIC_ADMIN -> "clinic admin";
                });
            }
        }
        return Optional.empty();
    }

    private static String patient(Told r, Names names) {
        String name = r.patientId() == null ? null : names.patientNames().get(r.patientId());
        return name == null ? "The patient" : "Patient " + name;
    }

    private static String patientOrNone(Told r, Names names, String anonymous, String prefix) {
        String name = r.patientId() == null ? null : names.patientNames().get(r.patientId());
        return name == null ? anonymous : prefix + name;
    }

    private static String clinic(Told r, Names names) {
        return r.clinicId() == null ? "a clinic"
                : names.clinicNames().apply(r.clinicId()).orElse("a clinic");
    }

    private static String possessive(String name) {
        String owner = name.startsWith("a ") ? "the clinic" : name;
        return capitalized(owner) + (owner.endsWith("s") ? "'" : "'s");
    }

    private static String amount(Told r, Names names, String prefix) {
        if (!names.showAmounts()) {
            return "";
        }
        return number(r, "amountCents")
                .map(cents -> prefix + DOLLARS.format(BigDecimal.valueOf(cents).movePointLeft(2)))
                .orElse("");
    }

    private static Optional<Integer> lotCount(Told r) {
        return r.details().get("lots") instanceof java.util.List<?> lots ? Optional.of(lots.size()) : Optional.empty();
    }

    private static Optional<Long> orderNumber(Told r) {
        return number(r, "orderNumber");
    }

    private static Optional<Long> number(Told r, String key) {
        return r.details().get(key) instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    private static String textOr(Told r, String key, String otherwise) {
        String value = text(r, key);
        return value == null ? otherwise : value;
    }

    private static String text(Told r, String key) {
        return r.details().get(key) instanceof String s ? s : null;
    }

    /** A coded value in words: {@code PATIENT_REQUEST} as "patient request". */
    private static Optional<String> code(Told r, String key) {
        String value = text(r, key);
        return value == null || value.isBlank() || "null".equals(value) ? Optional.empty()
                : Optional.of(value.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' '));
    }

    private static String count(Told r, String key, String noun) {
        return number(r, key).map(n -> n + " " + noun + (n == 1 ? "" : "s")).orElse(noun + "s");
    }

    private static String roleGroup(String roleName) {
        try {
            return Role.valueOf(roleName).groupName().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException | NullPointerException e) {
            return "a role";
        }
    }

    /** {@code Decision_OrderEligibility} as "order eligibility". */
    static String decisionName(String key) {
        if (key == null) {
            return "decision";
        }
        String name = key.startsWith("Decision_") ? key.substring("Decision_".length()) : key;
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
