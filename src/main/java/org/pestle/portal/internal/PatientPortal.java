package org.pestle.portal.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.ordering.Orders;
import org.pestle.ordering.Orders.PatientOrder;
import org.pestle.patients.PatientSummary;
import org.pestle.patients.Patients;
import org.pestle.platform.DataScope;
import org.pestle.platform.Digests;
import org.pestle.portal.PatientPageRefills;
import org.pestle.portal.PatientPageRefills.UpcomingRefill;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a patient sees through their link, after giving their date of birth: their own orders, read
 * in their own data scope (row-level security shows that patient's rows only).
 */
@Service
class PatientPortal {

    private final PatientLinks links;
    private final PatientLinkSettings settings;
    private final Patients patients;
    private final Orders orders;
    private final DataScope dataScope;
    private final JdbcClient jdbc;
    private final PatientPageRefills refills;

    PatientPortal(PatientLinks links, PatientLinkSettings settings, Patients patients, Orders orders,
            DataScope dataScope, JdbcClient jdbc, PatientPageRefills refills) {
        this.refills = refills;
        this.links = links;
        this.settings = settings;
        this.patients = patients;
        this.orders = orders;
        this.dataScope = dataScope;
        this.jdbc = jdbc;
    }

    /** Whether the link is genuine, unexpired and not blocked after wrong dates of birth. */
    @Transactional(readOnly = true)
    boolean usable(String token) {
        return links.patientOf(token).isPresent() && failures(token) < settings.maxDateOfBirthAttempts();
    }

    /**
     * The patient's page, when the date of birth is theirs; empty otherwise (and the attempt counts).
     */
    @Transactional(noRollbackFor = WrongDateOfBirth.class)
    View open(String token, LocalDate dateOfBirth) {
        UUID patientId = links.patientOf(token).filter(id -> failures(token) < settings.maxDateOfBirthAttempts())
                .orElseThrow(LinkNotUsable::new);
        dataScope.enterPatient(patientId, "patient-link");
        Optional<PatientSummary> patient = patients.summary(patientId);
        if (patient.isEmpty() || !patient.get().dateOfBirth().equals(dateOfBirth)) {
            jdbc.sql("""
                    insert into patient_link_failure (token_hash, failures) values (?, 1)
                    on conflict (token_hash) do update set failures = patient_link_failure.failures + 1,
                                                          updated_at = now()""")
                    .param(hash(token)).update();
            throw new WrongDateOfBirth();
        }
        return new View(patient.get().displayName().split(" ")[0], orders.ofPatient(patientId),
                refills.upcoming(patientId), patientId);
    }

    /** What the patient did with a refill on the page. */
    enum RefillAction { REQUEST, PAUSE }

    /**
     * Opens the page as {@link #open} does (the date of birth again: the page keeps no session) and requests or
     * pauses one of the patient's refills; the page then shows where things stand.
     *
     * @return the page, and whether the action was taken
     */
    @Transactional(noRollbackFor = WrongDateOfBirth.class)
    Acted act(String token, LocalDate dateOfBirth, UUID refillId, RefillAction action) {
        View before = open(token, dateOfBirth);
        boolean done = action == RefillAction.REQUEST ? refills.request(before.patientId(), refillId)
                : refills.pause(before.patientId(), refillId);
        return new Acted(new View(before.firstName(), before.orders(), refills.upcoming(before.patientId()),
                before.patientId()), done);
    }

    record Acted(View view, boolean done) {
    }

    private int failures(String token) {
        return jdbc.sql("select failures from patient_link_failure where token_hash = ?").param(hash(token))
                .query(Integer.class).optional().orElse(0);
    }

    private static String hash(String token) {
        return Digests.sha256Hex(token);
    }

    /** The page: a greeting by first name and the orders. */
    record View(String firstName, List<PatientOrder> orders, List<UpcomingRefill> refills, UUID patientId) {
    }

    /** The date of birth did not match. */
    static class WrongDateOfBirth extends RuntimeException {
        WrongDateOfBirth() {
            super("The date of birth does not match");
        }
    }

    /** The link is forged, expired or blocked. */
    static class LinkNotUsable extends RuntimeException {
        LinkNotUsable() {
            super("This link cannot be used");
        }
    }
}
