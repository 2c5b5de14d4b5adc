package org.pestle.ordering.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.pestle.catalog.Catalog;
import org.pestle.catalog.Compound;
import org.pestle.identity.Actor;
import org.pestle.identity.Action;
import org.pestle.identity.Permissions;
import org.pestle.ordering.OrderCreated;
import org.pestle.patients.Patients;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.ApiProblem.FieldError;
import org.pestle.platform.Digests;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.pestle.tenancy.Prescriber;
import org.pestle.tenancy.Prescribers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes an order in: checks what it names, saves it with its lines and starts the fulfillment
 * process, all in one transaction, so an order is either whole and on its way or not there at all.
 * With an Idempotency-Key, a repeated submission returns the first order instead of a second one.
 */
@Service
class OrderSubmissions {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .findAndAddModules().build();

    private final OrderRepository orders;
    private final OrderProcess process;
    private final Clinics clinics;
    private final Prescribers prescribers;
    private final Patients patients;
    private final Catalog catalog;
    private final Permissions permissions;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    OrderSubmissions(OrderRepository orders, OrderProcess process, Clinics clinics, Prescribers prescribers,
            Patients patients, Catalog catalog, Permissions permissions, JdbcClient jdbc,
            ApplicationEventPublisher events) {
        this.orders = orders;
        this.process = process;
        this.clinics = clinics;
        this.prescribers = prescribers;
        this.patients = patients;
        this.catalog = catalog;
        this.permissions = permissions;
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Submits the order, or returns the order an earlier submission with the same key created.
     * A concurrent duplicate fails on the key's unique constraint and rolls back whole; the caller
     * retries and then finds the first order.
     */
    @Transactional
    Submission submit(Actor actor, NewOrder request, Optional<String> idempotencyKey) {
        String requestHash = hash(request);
        if (idempotencyKey.isPresent()) {
            Optional<Submission> earlier = earlier(actor, idempotencyKey.get(), requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Prescriber prescriber = requirePrescriber(actor);
        Clinic clinic = checkReferences(actor, request);
        long number = jdbc.sql("select nextval('order_number_seq')").query(Long.class).single();
        List<OrderLine> lines = request.lines().stream().map(l -> OrderLine.of(l.compoundId(), l.quantity(),
                l.daysSupply(), l.sig().strip(), l.refillsAuthorized())).toList();
        PharmacyOrder order = orders.save(PharmacyOrder.submit(number, clinic.organizationId(), clinic.id(),
                request.patientId(), prescriber.id(), actor.username(), lines));
        idempotencyKey.ifPresent(key -> jdbc.sql("""
                insert into order_submission (submitted_by, idempotency_key, request_hash, order_id)
                values (?, ?, ?, ?)""").params(actor.username(), key, requestHash, order.id()).update());
        process.start(order, actor.username());
        // The prescriber profile is the submitter's own today; were staff to order for a prescriber, the
        // record would name the prescriber as the one on whose behalf the order was placed.
        String onBehalfOf = prescriber.username().equals(actor.username()) ? null : prescriber.username();
        events.publishEvent(new OrderCreated(order.id(), number, clinic.organizationId(), clinic.id(),
                request.patientId(), prescriber.id(), actor.username(), onBehalfOf, lines.size()));
        return new Submission(order.id(), false);
    }

    private Optional<Submission> earlier(Actor actor, String key, String requestHash) {
        return jdbc.sql("select order_id, request_hash from order_submission where submitted_by = ? and idempotency_key = ?")
                .params(actor.username(), key)
                .query((rs, row) -> {
                    if (!rs.getString("request_hash").equals(requestHash)) {
                        throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                                "Idempotency-Key reused", "This Idempotency-Key was used for a different order; "
                                + "use a new key for a new order", List.of(new FieldError("Idempotency-Key",
                                        "was used for a different request")));
                    }
                    return new Submission(rs.getObject("order_id", UUID.class), true);
                })
                .optional();
    }

    private Prescriber requirePrescriber(Actor actor) {
        permissions.require(actor, Action.ORDER);
        return prescribers.findByUserId(actor.userId()).orElseThrow(() -> new ApiProblem(HttpStatus.FORBIDDEN,
                "forbidden", "Forbidden", "Your account has no prescriber profile (NPI)", List.of()));
    }

    /** Every reference checked, every fault reported at once; unknown and not-yours read the same. */
    private Clinic checkReferences(Actor actor, NewOrder request) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Clinic> clinic = clinics.find(request.clinicId()).filter(c -> actor.clinicIds().contains(c.id()));
        if (clinic.isEmpty()) {
            errors.add(new FieldError("clinicId", "is not a clinic you are assigned to"));
        } else if (!patients.isPatientOfClinic(request.patientId(), request.clinicId())) {
            errors.add(new FieldError("patientId", "is not a patient of this clinic"));
        }
        for (int i = 0; i < request.lines().size(); i++) {
            Optional<Compound> compound = catalog.find(request.lines().get(i).compoundId());
            if (compound.isEmpty() || !compound.get().active()) {
                errors.add(new FieldError("lines[" + i + "].compoundId", "is not an orderable compound"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-reference",
                    "The order names something that cannot be ordered",
                    "Invalid fields: " + String.join(", ", errors.stream().map(FieldError::field).toList()), errors);
        }
        return clinic.get();
    }

    private static String hash(NewOrder request) {
        try {
            return Digests.sha256Hex(CANONICAL.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot hash the request", e);
        }
    }

    /** The outcome of a submission: the order, and whether it was created by an earlier request. */
    record Submission(UUID orderId, boolean replayed) {
    }
}
