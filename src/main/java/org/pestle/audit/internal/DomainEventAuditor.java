package org.pestle.audit.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.audit.Outcome;
import org.pestle.dispensing.FinalCheckPassed;
import org.pestle.dispensing.FirstOfTwoFinalChecksPassed;
import org.pestle.dispensing.DeliveryRecorded;
import org.pestle.dispensing.PickupRecorded;
import org.pestle.dispensing.PreparationsDestroyed;
import org.pestle.dispensing.ShipmentRecorded;
import org.pestle.dispensing.PreparationCompounded;
import org.pestle.dispensing.PreparationsSentBack;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.ElevatedAccess;
import org.pestle.identity.ElevatedAccessGranted;
import org.pestle.identity.PermissionsChanged;
import org.pestle.identity.UserAccessChanged;
import org.pestle.messaging.TextConsentChanged;
import org.pestle.ordering.OrderApproved;
import org.pestle.ordering.OrderCancelled;
import org.pestle.ordering.OrderCreated;
import org.pestle.ordering.OrderFirstVerified;
import org.pestle.ordering.OrderPaid;
import org.pestle.ordering.OrderReadyForPickup;
import org.pestle.ordering.OrderReturnedToStock;
import org.pestle.ordering.OrderRejected;
import org.pestle.ordering.OrderViewed;
import org.pestle.patients.PatientChanged;
import org.pestle.patients.PatientCreated;
import org.pestle.patients.PatientKeysRotated;
import org.pestle.patients.PatientViewed;
import org.pestle.patients.PatientsExported;
import org.pestle.pdmp.PdmpFileDownloaded;
import org.pestle.pdmp.PdmpFileSent;
import org.pestle.payments.PaymentCaptured;
import org.pestle.payments.PaymentFailed;
import org.pestle.payments.PaymentInvoiced;
import org.pestle.payments.PaymentRefunded;
import org.pestle.platform.DataScope;
import org.pestle.refills.RefillEvent;
import org.pestle.rules.DecisionPublished;
import org.pestle.rules.DecisionRolledBack;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.ClinicSettingsChanged;
import org.pestle.tenancy.Clinics;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Turns the events other modules publish into audit records. Plain listeners run synchronously inside
 * the publishing transaction, so each record commits, or rolls back, with the change it describes.
 *
 * <p>A user's record about a clinic the user reaches only through a break-glass grant is followed by
 * {@code elevated-access.used}, once per grant and request (once per transaction outside a request), so
 * a search listing many patients of that clinic, or a page reading an order and its patient, is one use.
 */
@Component
class DomainEventAuditor {

    /** What the process records when it cancels an order itself (pay link expired). */
    static final String PAYMENT_PROCESS = "system:payment";

    private static final Object USES_IN_TRANSACTION = new Object();
    private static final String USES_IN_REQUEST = DomainEventAuditor.class.getName() + ".elevatedAccessUses";

    private final AuditRecords audit;
    private final DataScope dataScope;
    private final ElevatedAccess elevatedAccess;
    private final Clinics clinics;
    private final Map<UUID, UUID> organizationOfClinic = new ConcurrentHashMap<>();

    DomainEventAuditor(AuditRecords audit, DataScope dataScope, ElevatedAccess elevatedAccess, Clinics clinics) {
        this.audit = audit;
        this.dataScope = dataScope;
        this.elevatedAccess = elevatedAccess;
        this.clinics = clinics;
    }

    @EventListener
    void on(PermissionsChanged event) {
        audit.record(AuditEntry.of(event.changedBy(), "permissions.changed", "role", event.role().name())
                .withDetails(Map.of("readBefore", sorted(event.readBefore()), "readAfter", sorted(event.readAfter()),
                        "doBefore", sorted(event.doBefore()), "doAfter", sorted(event.doAfter())))
                .withReason(event.reason()));
    }

    @EventListener
    void on(UserAccessChanged event) {
        Map<String, Object> details = new TreeMap<>();
        details.put("change", event.change());
        if (event.detail() != null) {
            details.put("detail", event.detail());
        }
        audit.record(AuditEntry.of(event.changedBy(), "user.access-changed", "user", event.username())
                .withDetails(details));
    }

    @EventListener
    void on(ElevatedAccessGranted event) {
        audit.record(AuditEntry.of(event.username(), "elevated-access.granted", "elevated-access-grant",
                event.grantId()).withClinic(organizationOf(event.clinicId()), event.clinicId())
                .withReason(event.reason())
                .withDetails(Map.of("expiresAt", event.expiresAt().toString())));
    }

    @EventListener
    void on(OrderCreated event) {
        AuditEntry entry = AuditEntry.of(event.submittedBy(), "order.created", "order", event.orderId())
                .withOnBehalfOf(event.onBehalfOf()).withClinic(event.organizationId(), event.clinicId())
                .withPatient(event.patientId()).withDetails(Map.of("orderNumber", event.orderNumber(),
                        "prescriberId", event.prescriberId().toString(), "lines", event.lines()));
        recordNoticingElevatedAccess(entry);
    }

    @EventListener
    void on(OrderViewed event) {
        recordNoticingElevatedAccess(AuditEntry.of(event.viewedBy(), "order.viewed", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber(), "via", event.via())));
    }

    @EventListener
    void on(OrderApproved event) {
        audit.record(AuditEntry.of(dataScope.actor(), "order.approved", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber())));
    }

    @EventListener
    void on(OrderFirstVerified event) {
        audit.record(AuditEntry.of(dataScope.actor(), "order.first-verified", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber())));
    }

    @EventListener
    void on(OrderRejected event) {
        audit.record(AuditEntry.of(dataScope.actor(), "order.rejected", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber(), "reason", String.valueOf(event.reason()))));
    }

    /**
     * By the user who cancelled (also when their cancellation ends a running process), by billing
     * staff who cancel a declined order in Tasklist, or by {@code system:payment} when the payment
     * process cancels on its own (the pay link expired).
     */
    @EventListener
    void on(OrderCancelled event) {
        String actor = dataScope.actor();
        if (actor.startsWith("system:") && !event.reason().userSelectable()) {
            actor = PAYMENT_PROCESS;
        }
        recordNoticingElevatedAccess(AuditEntry.of(actor, "order.cancelled", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber(), "reason", event.reason().name(),
                        "previousStatus", event.previousStatus().name())));
    }

    @EventListener
    void on(OrderPaid event) {
        audit.record(AuditEntry.of(dataScope.actor(), "order.paid", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber())));
    }

    /** Who compounded which line, from which lots (ids, lot numbers and quantities), the formula version and BUD. */
    @EventListener
    void on(PreparationCompounded event) {
        audit.record(AuditEntry.of(event.compoundedBy(), "compounding.recorded", "compounding-record",
                event.compoundingRecordId()).withClinic(event.organizationId(), event.clinicId())
                .withPatient(event.patientId()).withDetails(Map.of("orderId", event.orderId().toString(),
                        "orderNumber", event.orderNumber(), "lineNumber", event.lineNumber(),
                        "formulationVersion", event.formulationVersion(), "controlNumber", event.controlNumber(),
                        "budDate", event.budDate().toString(), "lots", event.lots().stream()
                                .map(lot -> Map.of("lotId", lot.lotId().toString(), "lotNumber", lot.lotNumber(),
                                        "quantity", lot.quantity().toPlainString()))
                                .toList())));
    }

    @EventListener
    void on(FirstOfTwoFinalChecksPassed event) {
        audit.record(AuditEntry.of(event.checkedBy(), "final-check.first-of-two-passed", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber())));
    }

    @EventListener
    void on(FinalCheckPassed event) {
        audit.record(AuditEntry.of(event.checkedBy(), "final-check.passed", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber(), "dispenseIds", sorted(event.dispenseIds()))));
    }

    @EventListener
    void on(PreparationsSentBack event) {
        audit.record(AuditEntry.of(event.checkedBy(), "final-check.sent-back", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber(), "reason", event.reason().name(),
                        "lotDisposition", event.disposition().name(),
                        "compoundingRecordIds", sorted(event.compoundingRecordIds()))));
    }

    @EventListener
    void on(OrderReadyForPickup event) {
        audit.record(AuditEntry.of(dataScope.actor(), "order.ready-for-pickup", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber())));
    }

    @EventListener
    void on(PickupRecorded event) {
        Map<String, Object> details = new TreeMap<>();
        details.put("orderNumber", event.orderNumber());
        details.put("pickedUpBy", event.pickedUpBy().name());
        details.put("idChecked", event.idDocument() != null);
        if (event.idDocument() != null) {
            details.put("idDocument", event.idDocument().name());
        }
        details.put("dispenseIds", sorted(event.dispenseIds()));
        audit.record(AuditEntry.of(event.recordedBy(), "pickup.recorded", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(details));
    }

    @EventListener
    void on(ShipmentRecorded event) {
        audit.record(AuditEntry.of(event.shippedBy(), "shipment.recorded", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber(), "carrier", event.carrier().name(),
                        "trackingNumber", event.trackingNumber(), "dispenseIds", sorted(event.dispenseIds()))));
    }

    @EventListener
    void on(DeliveryRecorded event) {
        audit.record(AuditEntry.of(event.recordedBy(), "delivery.recorded", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber(), "dispenseIds", sorted(event.dispenseIds()))));
    }

    @EventListener
    void on(PreparationsDestroyed event) {
        audit.record(AuditEntry.of(event.destroyedBy(), "preparations.destroyed", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber(), "reason", event.reason(),
                        "compoundingRecordIds", sorted(event.compoundingRecordIds()))));
    }

    @EventListener
    void on(OrderReturnedToStock event) {
        audit.record(AuditEntry.of(dataScope.actor(), "order.returned-to-stock", "order", event.orderId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderNumber", event.orderNumber(), "reason", event.reason())));
    }

    /** By the patient, through the inbound text's webhook: recorded as {@code system:twilio-inbound}, the patient named. */
    @EventListener
    void on(TextConsentChanged event) {
        audit.record(AuditEntry.of(dataScope.actor(), event.optedOut() ? "texts.opted-out" : "texts.opted-in",
                "patient", event.patientId()).withClinic(event.organizationId(), event.clinicId())
                .withPatient(event.patientId()).withDetails(Map.of("source", event.source())));
    }

    /** A refill's reminder, answer, order, pause, refusal, renewal request or adherence call (refills). */
    @EventListener
    void on(RefillEvent event) {
        Map<String, Object> details = new TreeMap<>();
        details.put("orderNumber", event.orderNumber());
        if (event.code() != null) {
            details.put("code", event.code());
        }
        audit.record(AuditEntry.of(event.actor(), event.kind().action(), "refill", event.refillId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(details));
    }

    @EventListener
    void on(PaymentCaptured event) {
        audit.record(AuditEntry.of(dataScope.actor(), "payment.captured", "payment", event.paymentId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderId", event.orderId().toString(), "orderNumber", event.orderNumber(),
                        "amountCents", event.amountCents(), "route", event.route())));
    }

    @EventListener
    void on(PaymentInvoiced event) {
        audit.record(AuditEntry.of(dataScope.actor(), "payment.invoiced", "payment", event.paymentId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderId", event.orderId().toString(), "orderNumber", event.orderNumber(),
                        "amountCents", event.amountCents(), "billingMonth", event.billingMonth().toString())));
    }

    @EventListener
    void on(PaymentRefunded event) {
        audit.record(AuditEntry.of(dataScope.actor(), "payment.refunded", "payment", event.paymentId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("orderId", event.orderId().toString(), "orderNumber", event.orderNumber(),
                        "amountCents", event.amountCents(), "stripeRefundId", event.stripeRefundId())));
    }

    @EventListener
    void on(PaymentFailed event) {
        audit.record(AuditEntry.of(dataScope.actor(), "payment.failed", "payment", event.paymentId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withOutcome(Outcome.FAILED).withDetails(Map.of("orderId", event.orderId().toString(),
                        "orderNumber", event.orderNumber(), "route", event.route(),
                        "failureCode", event.failureCode())));
    }

    @EventListener
    void on(PatientViewed event) {
        recordNoticingElevatedAccess(AuditEntry.of(event.actor(), "patient.viewed", "patient", event.patientId())
                .withClinic(organizationOf(event.clinicId()), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("elements", sorted(event.elements()))));
    }

    @EventListener
    void on(PatientCreated event) {
        recordNoticingElevatedAccess(AuditEntry.of(event.actor(), "patient.created", "patient", event.patientId())
                .withClinic(organizationOf(event.clinicId()), event.clinicId()).withPatient(event.patientId()));
    }

    @EventListener
    void on(PatientChanged event) {
        recordNoticingElevatedAccess(AuditEntry.of(event.actor(), "patient.changed", "patient", event.patientId())
                .withClinic(organizationOf(event.clinicId()), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("elements", sorted(event.elements()))));
    }

    @EventListener
    void on(PatientsExported event) {
        // one record per patient, so that the patient's own report shows the disclosure
        for (var patientId : event.patientIds()) {
            audit.record(AuditEntry.of(event.actor(), "patient.exported", "patient", patientId)
                    .withPatient(patientId).withDetails(Map.of("elements", sorted(event.elements()))));
        }
        audit.record(AuditEntry.of(event.actor(), "patients.exported", "patient-export", null)
                .withDetails(Map.of("patients", event.patientIds().size(), "clinics", sorted(event.clinicIds()),
                        "elements", sorted(event.elements()))));
    }

    /**
     * A PDMP file reached the state: one record per dispense it carried, with the patient, so that the
     * patient's disclosure report lists the submission; then one for the file.
     */
    /** What an ASAP record discloses of the patient (PAT segment). */
    private static final List<String> PDMP_ELEMENTS = List.of("PATIENT_ADDRESS", "PATIENT_DATE_OF_BIRTH", "PATIENT_NAME",
            "PATIENT_PHONE");

    @EventListener
    void on(PdmpFileSent event) {
        String actor = "system:pdmp-reporting";
        for (PdmpFileSent.Carried c : event.carried()) {
            audit.record(AuditEntry.of(actor, "pdmp.disclosed", "pdmp-submission", event.submissionId())
                    .withClinic(c.organizationId(), c.clinicId()).withPatient(c.patientId())
                    .withDetails(Map.of("state", event.state(), "controlNumber", event.controlNumber(),
                            "dispenseId", c.dispenseId().toString(), "kind", c.kind(),
                            "elements", PDMP_ELEMENTS)));
        }
        audit.record(AuditEntry.of(actor, "pdmp.submitted", "pdmp-submission", event.submissionId())
                .withDetails(Map.of("state", event.state(), "controlNumber", event.controlNumber(),
                        "zeroReport", event.zeroReport(), "dispenses", event.carried().size())));
    }

    @EventListener
    void on(PdmpFileDownloaded event) {
        audit.record(AuditEntry.of(event.downloadedBy(), "pdmp.file-downloaded", "pdmp-submission", event.submissionId())
                .withDetails(Map.of("controlNumber", event.controlNumber(), "dispenses", event.dispenses())));
    }

    @EventListener
    void on(PatientKeysRotated event) {
        audit.record(AuditEntry.of(event.startedBy(), "patient-keys.rotated", "key-rotation", event.rotationId())
                .withDetails(Map.of("rowsRewritten", event.rowsRewritten(),
                        "retiredFieldKeyIds", sorted(event.retiredFieldKeyIds()),
                        "retiredIndexKeyIds", sorted(event.retiredIndexKeyIds()))));
    }

    @EventListener
    void on(DecisionPublished event) {
        Map<String, Object> details = new TreeMap<>();
        details.put("version", event.version());
        details.put("previousVersion", event.previousVersion());
        if (event.approvedBy() != null) {
            details.put("approvedBy", event.approvedBy());
        }
        audit.record(AuditEntry.of(event.publishedBy(), "decision.published", "decision", event.decisionKey())
                .withDetails(details));
    }

    @EventListener
    void on(DecisionRolledBack event) {
        audit.record(AuditEntry.of(event.rolledBackBy(), "decision.rolled-back", "decision", event.decisionKey())
                .withDetails(Map.of("version", event.version(), "restoredVersion", event.restoredVersion(),
                        "previousVersion", event.previousVersion())));
    }

    @EventListener
    void on(ClinicSettingsChanged event) {
        audit.record(AuditEntry.of(event.changedBy(), "clinic-settings.changed", "clinic", event.clinicId())
                .withClinic(event.organizationId(), event.clinicId())
                .withDetails(Map.of("settings", event.changed().stream().sorted().toList())));
    }

    /**
     * Records the entry, then, if its actor is a user who reaches the entry's clinic only through a
     * break-glass grant, {@code elevated-access.used} (once per grant in this transaction).
     */
    private void recordNoticingElevatedAccess(AuditEntry entry) {
        audit.record(entry);
        String actor = entry.actor();
        if (entry.clinicId() == null || actor.startsWith("system:") || actor.equals("anonymous")
                || CurrentActor.find().filter(a -> a.username().equals(actor) && a.pharmacySide()).isPresent()) {
            return;
        }
        Map<String, Optional<ElevatedAccess.Grant>> uses = usesSoFar();
        String key = actor + "|" + entry.clinicId();
        if (uses.containsKey(key)) {
            return;
        }
        Optional<ElevatedAccess.Grant> grant = elevatedAccess.grantInForce(actor, entry.clinicId());
        uses.put(key, grant);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a use rolled back with its transaction was not recorded: a later transaction of the request records it
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        uses.remove(key);
                    }
                }
            });
        }
        grant.ifPresent(g -> audit.record(AuditEntry.of(actor, "elevated-access.used", "elevated-access-grant",
                g.grantId()).withClinic(entry.organizationId(), entry.clinicId()).withPatient(entry.patientId())
                .withReason(g.reason()).withDetails(detailsOfUse(entry))));
    }

    private static Map<String, Object> detailsOfUse(AuditEntry entry) {
        Map<String, Object> details = new TreeMap<>();
        details.put("action", entry.action());
        if (entry.entityType() != null) {
            details.put("entityType", entry.entityType());
        }
        if (entry.entityId() != null) {
            details.put("entityId", entry.entityId());
        }
        return details;
    }

    /**
     * The (actor, clinic) pairs already checked in this request (a page may read an order and its
     * patient in two transactions: one use), or in this transaction outside a request.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Optional<ElevatedAccess.Grant>> usesSoFar() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return usesInThisTransaction();
        }
        Object kept = request.getAttribute(USES_IN_REQUEST, RequestAttributes.SCOPE_REQUEST);
        if (kept == null) {
            kept = new ConcurrentHashMap<String, Optional<ElevatedAccess.Grant>>();
            request.setAttribute(USES_IN_REQUEST, kept, RequestAttributes.SCOPE_REQUEST);
        }
        return (Map<String, Optional<ElevatedAccess.Grant>>) kept;
    }

    /** The (actor, clinic) pairs already checked in this transaction; nothing is kept across transactions. */
    @SuppressWarnings("unchecked")
    private static Map<String, Optional<ElevatedAccess.Grant>> usesInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashMap<>();
        }
        Object bound = TransactionSynchronizationManager.getResource(USES_IN_TRANSACTION);
        if (bound != null) {
            return (Map<String, Optional<ElevatedAccess.Grant>>) bound;
        }
        Map<String, Optional<ElevatedAccess.Grant>> uses = new HashMap<>();
        TransactionSynchronizationManager.bindResource(USES_IN_TRANSACTION, uses);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResourceIfPossible(USES_IN_TRANSACTION);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(USES_IN_TRANSACTION, uses);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(USES_IN_TRANSACTION);
            }
        });
        return uses;
    }

    private UUID organizationOf(UUID clinicId) {
        if (clinicId == null) {
            return null;
        }
        UUID known = organizationOfClinic.get(clinicId);
        if (known != null) {
            return known;
        }
        Optional<UUID> found = clinics.find(clinicId).map(Clinic::organizationId);
        found.ifPresent(org -> organizationOfClinic.put(clinicId, org));
        return found.orElse(null);
    }

    private static java.util.List<String> sorted(java.util.Collection<?> values) {
        return values.stream().map(String::valueOf).sorted().collect(Collectors.toList());
    }
}
