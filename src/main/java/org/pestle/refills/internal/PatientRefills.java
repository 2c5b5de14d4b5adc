package org.pestle.refills.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.refills.RefillEvent.Kind;
import org.pestle.portal.PatientPageRefills;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The patient page's refills: upcoming ones, and asking for or pausing one, in the patient's data scope. */
@Service
class PatientRefills implements PatientPageRefills {

    private final RefillRecords records;
    private final RefillProcess process;
    private final RefillEvents events;

    PatientRefills(RefillRecords records, RefillProcess process, RefillEvents events) {
        this.records = records;
        this.process = process;
        this.events = events;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY, readOnly = true)
    public List<UpcomingRefill> upcoming(UUID patientId) {
        return records.openOfPatient(patientId).stream().map(r -> new UpcomingRefill(r.id(), r.dispensedOrderNumber(),
                r.runsOutOn(), r.refillNumber(), r.refillsLeft(), r.state())).toList();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean request(UUID patientId, UUID refillId) {
        Optional<RefillRow> refill = openOf(patientId, refillId);
        if (refill.isEmpty() || !process.correlate(refillId, RefillProcess.MSG_REFILL_REQUESTED, "PATIENT_PAGE")) {
            return false;
        }
        records.answered(refillId, "PATIENT_PAGE");
        events.publish(Kind.REQUESTED, refill.get(), "patient:page", "PATIENT_PAGE");
        return true;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean pause(UUID patientId, UUID refillId) {
        Optional<RefillRow> refill = openOf(patientId, refillId);
        if (refill.isEmpty() || !process.correlate(refillId, RefillProcess.MSG_REFILL_PAUSED, "PATIENT_PAGE")) {
            return false;
        }
        events.publish(Kind.PAUSED, refill.get(), "patient:page", "PATIENT_PAGE");
        return true;
    }

    private Optional<RefillRow> openOf(UUID patientId, UUID refillId) {
        return records.find(refillId).filter(r -> r.patientId().equals(patientId) && r.open());
    }
}
