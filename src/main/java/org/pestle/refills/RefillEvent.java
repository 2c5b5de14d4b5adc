package org.pestle.refills;

import java.util.UUID;

/**
 * Something happened to a dispensed line's refill: published in the transaction that records it, for the audit
 * trail and the activity feed. Codes only, no patient data.
 *
 * @param kind what happened
 * @param refillId the refill (one per dispensed line)
 * @param organizationId the clinic's organization
 * @param clinicId the clinic
 * @param patientId the patient
 * @param actor who did it: a username, {@code patient:sms}, {@code patient:page} or a {@code system:} actor
 * @param orderNumber the order whose fill it follows
 * @param code the kind's detail: reminder number, reason or outcome code, the refill order's number
 */
public record RefillEvent(Kind kind, UUID refillId, UUID organizationId, UUID clinicId, UUID patientId, String actor,
        long orderNumber, String code) {

    /** What happened, as the audit trail names it. */
    public enum Kind {
        REMINDER_SENT("refill.reminder-sent"),
        REQUESTED("refill.requested"),
        PAUSED("refill.paused"),
        REFUSED("refill.refused"),
        ORDERED("refill.ordered"),
        RENEWAL_REQUESTED("refill.renewal-requested"),
        RENEWAL_ANSWERED("refill.renewal-answered"),
        ADHERENCE_CALL_RECORDED("refill.adherence-call-recorded"),
        STOPPED("refill.stopped");

        private final String action;

        Kind(String action) {
            this.action = action;
        }

        /** The audit action. */
        public String action() {
            return action;
        }
    }
}
