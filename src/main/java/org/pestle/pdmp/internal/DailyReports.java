package org.pestle.pdmp.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.Dispenses;
import org.pestle.inventory.ItemCode;
import org.pestle.inventory.Stock;
import org.pestle.ordering.OrderView;
import org.pestle.ordering.Orders;
import org.pestle.patients.Patients;
import org.pestle.patients.ReportedPatient;
import org.pestle.pdmp.internal.PdmpRecords.Kind;
import org.pestle.pdmp.internal.PdmpRecords.PdmpRecord;
import org.pestle.pdmp.internal.PdmpRecords.Status;
import org.pestle.pdmp.internal.PdmpRecords.Submission;
import org.pestle.pdmp.internal.asap.AsapFile;
import org.pestle.platform.Digests;
import org.pestle.tenancy.Prescriber;
import org.pestle.tenancy.Prescribers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a day's PDMP file: every controlled dispense handed over and not yet reported gets a record; each
 * pending record (new, revise, void) whose values are complete goes into one ASAP 4.2 file, one with a value
 * the state requires missing is blocked naming the element; a day with nothing to report gets a zero report.
 * One file per state and reporting day: a rerun finds the day's file and writes nothing.
 */
@Service
class DailyReports {

    /** What a run wrote. */
    record Written(Optional<Submission> submission, List<UUID> blocked, Instant escalateAt) {
    }

    /** How long an upload may take before a near deadline is escalated. */
    static final java.time.Duration UPLOAD_GRACE = java.time.Duration.ofMinutes(15);

    private final PdmpRecords records;
    private final PdmpSettings settings;
    private final FileKeys keys;
    private final Dispenses dispenses;
    private final Orders orders;
    private final Patients patients;
    private final Prescribers prescribers;
    private final Stock stock;
    private final Clock clock;

    DailyReports(PdmpRecords records, PdmpSettings settings, FileKeys keys, Dispenses dispenses, Orders orders,
            Patients patients, Prescribers prescribers, Stock stock, Clock clock) {
        this.records = records;
        this.settings = settings;
        this.keys = keys;
        this.dispenses = dispenses;
        this.orders = orders;
        this.patients = patients;
        this.prescribers = prescribers;
        this.stock = stock;
        this.clock = clock;
    }

    /** The reporting day of a run now: the day before, in the pharmacy's zone. */
    LocalDate reportingDay() {
        return LocalDate.ofInstant(clock.instant(), settings.zone()).minusDays(1);
    }

    /** Writes the file of the reporting day (in the caller's transaction, system scope). */
    @Transactional
    Written write() {
        return write(reportingDay());
    }

    /** Writes the file of this day (a run for a missed day), unless the day has one. */
    @Transactional
    Written write(LocalDate day) {
        Instant now = clock.instant();
        Optional<Submission> existing = records.submissionOf(settings.state(), day);
        if (existing.isPresent()) {
            return new Written(existing, List.of(), now.plus(settings.deadline()).minus(settings.warning()));
        }
        for (Dispense d : dispenses.controlledNotYetReported()) {
            if (!records.hasNewRecord(d.id())) {
                Instant handedOver = d.dispensedAt() != null ? d.dispensedAt() : d.releasedAt();
                records.insertRecord(UUID.randomUUID(), d.id(), d.organizationId(), d.clinicId(), d.patientId(), Kind.NEW,
                        rxNumber(d), handedOver, handedOver.plus(settings.deadline()), now);
            }
        }
        List<PdmpRecord> pending = records.withStatus(Status.PENDING);
        Map<UUID, Dispense> byId = new LinkedHashMap<>();
        for (Dispense d : dispenses.byIds(pending.stream().map(PdmpRecord::dispenseId).distinct().toList())) {
            byId.put(d.id(), d);
        }
        List<AsapFile.Dispensation> lines = new ArrayList<>();
        List<PdmpRecord> carried = new ArrayList<>();
        List<UUID> blocked = new ArrayList<>();
        Instant earliestDue = null;
        for (PdmpRecord r : pending) {
            Dispense d = byId.get(r.dispenseId());
            Values v = d == null ? Values.missing("DSP02 dispense record") : values(r, d);
            if (v.missing() != null) {
                records.block(r.id(), v.missing(), now);
                blocked.add(r.id());
            } else {
                lines.add(v.line());
                carried.add(r);
            }
            earliestDue = earliestDue == null || r.dueAt().isBefore(earliestDue) ? r.dueAt() : earliestDue;
        }
        // when the deadline nears, but never before the upload had its first minutes to succeed
        Instant escalateAt = (earliestDue == null ? now.plus(settings.deadline()) : earliestDue).minus(settings.warning());
        if (escalateAt.isBefore(now.plus(UPLOAD_GRACE))) {
            escalateAt = now.plus(UPLOAD_GRACE);
        }
        if (lines.isEmpty() && !blocked.isEmpty()) {
            // dispensed, but nothing can go out: no zero report (it would say nothing was dispensed); the tasks
            // and the escalation stand for the gap
            return new Written(Optional.empty(), blocked, escalateAt);
        }
        UUID id = UUID.randomUUID();
        String control = controlNumber(day);
        AsapFile.Header header = new AsapFile.Header(settings.asapVersion(), control,
                LocalDateTime.ofInstant(now, settings.zone()), settings.production(), sourceId(), settings.pharmacy().name());
        String text = lines.isEmpty() ? AsapFile.zeroReport(header, pharmacy(), day)
                : AsapFile.report(header, pharmacy(), lines);
        String fileName = settings.state() + "_" + control + ".dat";
        Submission submission = new Submission(id, settings.state(), day, lines.isEmpty() ? "ZERO" : "REPORT", control,
                fileName, Digests.sha256Hex(text), lines.size(), "WRITTEN", null, now,
                null, null);
        records.insertSubmission(submission, keys.encrypt(id, text));
        for (PdmpRecord r : carried) {
            records.submitted(r.id(), id, now);
        }
        return new Written(Optional.of(submission), blocked, escalateAt);
    }

    /** The file's plain text, for an upload or a download (the caller audits a download). */
    String text(Submission submission) {
        return new String(keys.decrypt(submission.id(), records.ciphertext(submission.id())), StandardCharsets.US_ASCII);
    }

    String controlNumber(LocalDate day) {
        return "PDMP" + settings.state() + day.toString().replace("-", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String rxNumber(Dispense d) {
        return d.orderNumber() + "-" + d.lineNumber();
    }

    private String sourceId() {
        PdmpSettings.Pharmacy p = settings.pharmacy();
        return !p.npi().isBlank() ? p.npi() : p.ncpdp();
    }

    private AsapFile.Pharmacy pharmacy() {
        PdmpSettings.Pharmacy p = settings.pharmacy();
        return new AsapFile.Pharmacy(p.npi(), p.ncpdp(), p.dea(), p.name(), p.address(), "", p.city(), p.stateCode(),
                p.zip(), p.phone(), p.contact());
    }

    /** A dispensation's values, or the first element the state requires that is missing. */
    record Values(AsapFile.Dispensation line, String missing) {
        static Values missing(String element) {
            return new Values(null, element);
        }
    }

    private Values values(PdmpRecord r, Dispense d) {
        if (settings.pharmacy().dea().isBlank()) {
            return Values.missing("PHA03 pharmacy DEA number");
        }
        Optional<OrderView> order = orders.findForSystem(d.orderId());
        Optional<OrderView.Line> line = order.flatMap(o -> o.lines().stream()
                .filter(l -> l.lineNumber() == d.lineNumber()).findFirst());
        if (line.isEmpty()) {
            return Values.missing("DSP03 order of the dispense");
        }
        Optional<Prescriber> prescriber = prescribers.find(order.get().prescriberId());
        if (prescriber.isEmpty() || prescriber.get().npi() == null || prescriber.get().npi().isBlank()) {
            return Values.missing("PRE01 prescriber NPI");
        }
        if (prescriber.get().deaNumber().filter(dea -> !dea.isBlank()).isEmpty()) {
            return Values.missing("PRE02 prescriber DEA number");
        }
        Optional<ReportedPatient> found = patients.forStateReport(d.patientId());
        if (found.isEmpty()) {
            return Values.missing("PAT07 patient record");
        }
        ReportedPatient p = found.get();
        String missing = firstMissing(new String[][] {{"PAT07 patient last name", p.lastName()},
            {"PAT08 patient first name", p.firstName()}, {"PAT12 patient street address", p.addressLine1()},
            {"PAT14 patient city", p.city()}, {"PAT16 patient ZIP code", p.postalCode()},
            {"PAT18 patient date of birth", p.dateOfBirth() == null ? null : "x"}});
        if (missing != null) {
            return Values.missing(missing);
        }
        Map<UUID, BigDecimal> perItem = new LinkedHashMap<>();
        for (Dispense.LotTaken lot : d.lots()) {
            perItem.merge(lot.itemId(), lot.quantity(), BigDecimal::add);
        }
        Map<UUID, ItemCode> codes = stock.itemCodes(perItem.keySet());
        List<AsapFile.Ingredient> ingredients = new ArrayList<>();
        for (Map.Entry<UUID, BigDecimal> e : perItem.entrySet()) {
            ItemCode code = codes.get(e.getKey());
            if (code == null || code.ndc() == null) {
                return Values.missing("CDI03 ingredient NDC");
            }
            ingredients.add(new AsapFile.Ingredient(code.ndc(), e.getValue(), unitsCode(code.unit())));
        }
        OrderView.Line l = line.get();
        String phone = p.phone() == null ? "" : p.phone().replaceAll("^\\+1", "").replaceAll("\\D", "");
        String zip = p.postalCode().replaceAll("[^0-9]", "");
        AsapFile.Patient patient = new AsapFile.Patient(p.lastName(), p.firstName(), "", p.addressLine1(),
                p.addressLine2(), p.city(), p.region(), zip, phone, p.dateOfBirth(), "U");
        AsapFile.Prescriber pre = new AsapFile.Prescriber(prescriber.get().npi(), prescriber.get().deaNumber().get(), "",
                "", "", "");
        String product = "99999" + l.compoundCode().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        AsapFile.Dispensation dispensation = new AsapFile.Dispensation(patient, r.kind().dsp01, r.rxNumber(),
                date(order.get().createdAt()), l.refillsAuthorized(), date(d.releasedAt()), 0, "06", product, d.quantity(),
                l.daysSupply(), unitsCode(l.unit()), "05", settings.pharmacy().pharmacistNpi(), "01",
                date(d.dispensedAt()), pre, ingredients);
        return new Values(dispensation, null);
    }

    private LocalDate date(Instant at) {
        return at == null ? null : ZonedDateTime.ofInstant(at, settings.zone()).toLocalDate();
    }

    private static String firstMissing(String[][] fields) {
        for (String[] f : fields) {
            if (f[1] == null || f[1].isBlank()) {
                return f[0];
            }
        }
        return null;
    }

    /** DSP11 / CDI05: 01 each, 02 millilitres, 03 grams. */
    static String unitsCode(String unit) {
        if (unit == null) {
            return "01";
        }
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ml" -> "02";
            case "g" -> "03";
            default -> "01";
        };
    }
}
