package org.pestle.pdmp.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.Dispenses;
import org.pestle.pdmp.internal.PdmpRecords.Kind;
import org.pestle.pdmp.internal.PdmpRecords.PdmpRecord;
import org.pestle.pdmp.internal.PdmpRecords.Status;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A pharmacist's answers to failing records: a blocked record goes back to the next file once its value is on
 * record; a record the state refused is corrected by a revise (DSP01 01, the same prescription number, fill date
 * and refill number) or withdrawn by a void (DSP01 02); a reported fill returned to stock or cancelled is voided.
 */
@Service
class Corrections {

    /** What a pharmacist does with a refused record. */
    enum Resolution {
        REVISE, VOID
    }

    private final PdmpRecords records;
    private final Dispenses dispenses;
    private final PdmpSettings settings;
    private final Clock clock;

    Corrections(PdmpRecords records, Dispenses dispenses, PdmpSettings settings, Clock clock) {
        this.records = records;
        this.dispenses = dispenses;
        this.settings = settings;
        this.clock = clock;
    }

    /** The element a blocked record lacks, e.g. "PRE02 prescriber DEA number". */
    @Transactional(readOnly = true)
    String missingField(UUID recordId) {
        return records.record(recordId).map(PdmpRecord::missingField).orElse("");
    }

    /** The missing value is now on record: the record goes into the next file (checked again there). */
    @Transactional
    void valueCompleted(UUID recordId) {
        PdmpRecord r = records.record(recordId).orElseThrow(() -> new IllegalArgumentException("No PDMP record " + recordId));
        if (r.status() == Status.BLOCKED) {
            records.moveTo(r.id(), Status.PENDING, clock.instant());
        }
    }

    /** A refused record is revised or voided in the next file; the refused one is then corrected. */
    @Transactional
    UUID resolve(UUID recordId, Resolution resolution) {
        PdmpRecord r = records.record(recordId).orElseThrow(() -> new IllegalArgumentException("No PDMP record " + recordId));
        if (r.status() != Status.FAILED) {
            throw new IllegalStateException("PDMP record " + recordId + " is " + r.status() + ", not failed");
        }
        Instant now = clock.instant();
        records.moveTo(r.id(), Status.CORRECTED, now);
        UUID next = UUID.randomUUID();
        Kind kind = resolution == Resolution.VOID ? Kind.VOID : (r.kind() == Kind.VOID ? Kind.VOID : Kind.REVISE);
        // a new record never sent is sent new; one the state has (even with errors) is revised
        records.insertRecord(next, r.dispenseId(), r.organizationId(), r.clinicId(), r.patientId(), kind, r.rxNumber(),
                r.handedOverAt(), now.plus(settings.deadline()), now);
        return next;
    }

    /**
     * Voids a dispense's report (returned to stock, cancelled). A report not sent yet is simply withdrawn; one
     * the state has gets a void record in the next file.
     *
     * @return the void record, or null when nothing had been sent
     */
    @Transactional
    UUID voidDispense(UUID dispenseId) {
        List<Dispense> found = dispenses.byIds(List.of(dispenseId));
        if (found.isEmpty()) {
            throw new IllegalArgumentException("No dispense " + dispenseId);
        }
        Instant now = clock.instant();
        List<PdmpRecord> history = records.ofDispense(dispenseId);
        boolean sent = false;
        for (PdmpRecord r : history) {
            if (r.kind() == Kind.VOID && r.status() != Status.CORRECTED) {
                return r.id();
            }
            if (r.status() == Status.PENDING || r.status() == Status.BLOCKED) {
                records.moveTo(r.id(), Status.CORRECTED, now);
            } else if (r.submissionId() != null) {
                sent = true;
            }
        }
        if (!sent) {
            return null;
        }
        PdmpRecord first = history.get(0);
        UUID id = UUID.randomUUID();
        records.insertRecord(id, dispenseId, first.organizationId(), first.clinicId(), first.patientId(), Kind.VOID,
                first.rxNumber(), first.handedOverAt(), now.plus(settings.deadline()), now);
        return id;
    }
}
