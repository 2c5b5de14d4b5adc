package org.pestle.audit;

import java.util.Map;
import java.util.UUID;

/**
 * What one audit record says, before the trail stamps it with time, sequence number and hashes.
 * Identifiers and codes only: never a patient's name, birth date, contact or clinical values.
 *
 * @param actor username, or {@code system:<what>} for background work
 * @param actorRole the actor's roles as codes (comma-separated), or null
 * @param onBehalfOf on whose behalf the actor acted, or null
 * @param organizationId the organization concerned, or null
 * @param clinicId the clinic concerned, or null
 * @param action what happened, a dotted code such as {@code patient.viewed}
 * @param entityType the kind of entity acted on, e.g. {@code patient}, or null
 * @param entityId the entity's identifier, or null
 * @param patientId the patient concerned, or null
 * @param outcome success, denied or failed
 * @param sourceAddress the client's network address, or null
 * @param reason the reason given for elevated access, or null
 * @param details further identifiers and codes
 */
public record AuditEntry(String actor, String actorRole, String onBehalfOf, UUID organizationId, UUID clinicId,
        String action, String entityType, String entityId, UUID patientId, Outcome outcome, String sourceAddress,
        String reason, Map<String, Object> details) {

    public AuditEntry {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("An audit entry names its actor");
        }
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("An audit entry names its action");
        }
        if (outcome == null) {
            throw new IllegalArgumentException("An audit entry has an outcome");
        }
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** A successful action on an entity, by the given actor; the trail adds role and address of the request. */
    public static AuditEntry of(String actor, String action, String entityType, Object entityId) {
        return new AuditEntry(actor, null, null, null, null, action, entityType,
                entityId == null ? null : entityId.toString(), null, Outcome.SUCCESS, null, null, Map.of());
    }

    public AuditEntry withClinic(UUID organization, UUID clinic) {
        return new AuditEntry(actor, actorRole, onBehalfOf, organization, clinic, action, entityType, entityId,
                patientId, outcome, sourceAddress, reason, details);
    }

    public AuditEntry withOnBehalfOf(String principal) {
        return new AuditEntry(actor, actorRole, principal, organizationId, clinicId, action, entityType, entityId,
                patientId, outcome, sourceAddress, reason, details);
    }

    public AuditEntry withPatient(UUID patient) {
        return new AuditEntry(actor, actorRole, onBehalfOf, organizationId, clinicId, action, entityType, entityId,
                patient, outcome, sourceAddress, reason, details);
    }

    public AuditEntry withOutcome(Outcome newOutcome) {
        return new AuditEntry(actor, actorRole, onBehalfOf, organizationId, clinicId, action, entityType, entityId,
                patientId, newOutcome, sourceAddress, reason, details);
    }

    public AuditEntry withReason(String newReason) {
        return new AuditEntry(actor, actorRole, onBehalfOf, organizationId, clinicId, action, entityType, entityId,
                patientId, outcome, sourceAddress, newReason, details);
    }

    public AuditEntry withSource(String role, String address) {
        return new AuditEntry(actor, role, onBehalfOf, organizationId, clinicId, action, entityType, entityId,
                patientId, outcome, address, reason, details);
    }

    public AuditEntry withDetails(Map<String, Object> newDetails) {
        return new AuditEntry(actor, actorRole, onBehalfOf, organizationId, clinicId, action, entityType, entityId,
                patientId, outcome, sourceAddress, reason, newDetails);
    }
}
