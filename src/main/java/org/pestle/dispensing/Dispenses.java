package org.pestle.dispensing;

import java.util.List;
import java.util.UUID;

/**
 * The dispense records of order lines, for refills, recalls and PDMP reporting. Every method reads in the
 * caller's transaction and data scope (row-level security shows a clinic user only their clinics'
 * dispenses); call it from background work in the system scope.
 */
public interface Dispenses {

    /** The dispenses of an order, by line. */
    List<Dispense> ofOrder(UUID orderId);

    /** Every dispense whose preparation took something from this inventory lot (a recall's reach), newest first. */
    List<Dispense> ofLot(UUID lotId);

    /** The patient's dispenses, newest first. */
    List<Dispense> ofPatient(UUID patientId);

    /**
     * Controlled-substance dispenses handed over (picked up, or delivered after shipping) and not yet reported to
     * the PDMP, oldest first.
     */
    List<Dispense> controlledNotYetReported();

    /**
     * Records that the state PDMP accepted these dispenses' reports (sets their reported time once; a
     * dispense already marked keeps its first time). In the caller's transaction and scope.
     *
     * @return how many were newly marked
     */
    int markReportedToPdmp(java.util.Collection<UUID> dispenseIds, java.time.Instant at);

    /** The dispenses with these ids, in the caller's scope. */
    List<Dispense> byIds(java.util.Collection<UUID> dispenseIds);
}
