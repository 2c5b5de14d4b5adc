package org.pestle.pdmp.internal.asap;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an ASAP 4.2 dispensation report (the ASAP Standard for Prescription Monitoring Programs, element
 * tables as VistA PSO*7*451 carries them): TH, IS, then per pharmacy PHA, per dispensation PAT, DSP, PRE and
 * a CDI per compound ingredient, then TP, and TT. Elements are separated by {@code *}, segments end with the
 * terminator sent in TH09 ({@code ~}) and a CR LF. A value is cut to its element's maximum length, and a
 * delimiter or terminator inside it becomes {@code ?} (as VistA's writer does). TP01 counts PHA through TP,
 * TT02 every segment, TT01 repeats TH02.
 */
public final class AsapFile {

    public static final char ELEMENT = '*';
    public static final char TERMINATOR = '~';
    public static final String LINE_END = "\r\n";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    /** Maximum lengths of each segment's elements, in element order (ASAP 4.2). */
    static final int[] TH = {4, 40, 2, 40, 8, 6, 1, 6, 1};
    static final int[] IS = {10, 60, 60};
    static final int[] PHA = {10, 7, 9, 60, 30, 30, 25, 2, 9, 10, 30, 10};
    static final int[] PAT = {2, 2, 20, 2, 2, 20, 50, 50, 30, 10, 10, 35, 35, 20, 10, 9, 10, 8, 1, 2, 2, 20, 30};
    static final int[] DSP = {2, 25, 8, 2, 8, 2, 2, 15, 11, 3, 2, 2, 2, 10, 10, 2, 8, 2, 15, 35, 35};
    static final int[] PRE = {10, 9, 7, 20, 50, 50, 30, 10};
    static final int[] CDI = {2, 2, 15, 11, 2};
    static final int[] AIR = {2, 20, 2, 2, 20, 2, 50, 50, 50, 50, 2};
    static final int[] TP = {10};
    static final int[] TT = {40, 10};

    private AsapFile() {
    }

    /** The transaction header's and information source's values. */
    public record Header(String version, String controlNumber, LocalDateTime createdAt, boolean production,
            String sourceId, String sourceName) {
    }

    /** The pharmacy header (PHA). */
    public record Pharmacy(String npi, String ncpdp, String dea, String name, String address1, String address2,
            String city, String state, String zip, String phone, String contact) {
    }

    /** The patient (PAT). {@code gender} is F, M or U. */
    public record Patient(String lastName, String firstName, String middleName, String address1, String address2,
            String city, String state, String zip, String phone, LocalDate dateOfBirth, String gender) {

        @Override
        public String toString() {
            return "Patient[withheld]";
        }
    }

    /** The prescriber (PRE). */
    public record Prescriber(String npi, String dea, String stateLicense, String lastName, String firstName,
            String phone) {
    }

    /** One compound ingredient (CDI): its NDC, quantity and units code (01 each, 02 mL, 03 g). */
    public record Ingredient(String ndc, BigDecimal quantity, String unitsCode) {
    }

    /**
     * One dispensation (DSP) with its patient, prescriber and ingredients.
     *
     * @param reportingStatus DSP01: 00 new, 01 revise, 02 void
     * @param productQualifier DSP07: 01 NDC, 06 compound
     * @param productId DSP08: an 11-digit NDC, or 99999 and the pharmacy's compound code
     */
    public record Dispensation(Patient patient, String reportingStatus, String rxNumber, LocalDate writtenOn,
            int refillsAuthorized, LocalDate filledOn, int refillNumber, String productQualifier, String productId,
            BigDecimal quantity, int daysSupply, String unitsCode, String originCode, String pharmacistNpi,
            String paymentType, LocalDate soldOn, Prescriber prescriber, List<Ingredient> ingredients) {

        public Dispensation {
            ingredients = List.copyOf(ingredients);
        }

        @Override
        public String toString() {
            return "Dispensation[" + rxNumber + "]";
        }
    }

    /** A report of these dispensations, all of one pharmacy, in the given order. */
    public static String report(Header header, Pharmacy pharmacy, List<Dispensation> dispensations) {
        if (dispensations.isEmpty()) {
            throw new IllegalArgumentException("A report without dispensations is a zero report");
        }
        Segments out = new Segments();
        out.header(header, null);
        int pharmacyStart = out.count();
        out.pharmacy(pharmacy);
        for (Dispensation d : dispensations) {
            Patient p = d.patient();
            out.add("PAT", PAT, "", "", "", "", "", "", p.lastName(), p.firstName(), p.middleName(), "", "", p.address1(),
                    p.address2(), p.city(), p.state(), p.zip(), p.phone(), date(p.dateOfBirth()), p.gender(), "01", "", "",
                    "");
            out.add("DSP", DSP, d.reportingStatus(), d.rxNumber(), date(d.writtenOn()), String.valueOf(d.refillsAuthorized()),
                    date(d.filledOn()), String.valueOf(d.refillNumber()), d.productQualifier(), d.productId(),
                    decimal(d.quantity()), String.valueOf(d.daysSupply()), d.unitsCode(), d.originCode(), "00",
                    d.pharmacistNpi(), "", d.paymentType(), date(d.soldOn()), "", "", "", "");
            Prescriber pre = d.prescriber();
            out.add("PRE", PRE, pre.npi(), pre.dea(), "", pre.stateLicense(), pre.lastName(), pre.firstName(), "",
                    pre.phone());
            int sequence = 1;
            for (Ingredient ingredient : d.ingredients()) {
                out.add("CDI", CDI, String.valueOf(sequence++), "01", ingredient.ndc(), decimal(ingredient.quantity()),
                        ingredient.unitsCode());
            }
        }
        out.add("TP", TP, String.valueOf(out.count() - pharmacyStart + 1));
        return out.trailer(header);
    }

    /**
     * A zero report: the pharmacy dispensed nothing reportable on {@code day} (one day, never a range).
     * IS03 carries the period, PAT07/PAT08 REPORT/ZERO, DSP05 the day; PRE, CDI and AIR are empty.
     */
    public static String zeroReport(Header header, Pharmacy pharmacy, LocalDate day) {
        Segments out = new Segments();
        out.header(header, "#" + date(day) + "#-#" + date(day) + "#");
        int pharmacyStart = out.count();
        out.pharmacy(pharmacy);
        out.add("PAT", PAT, "", "", "", "", "", "", "REPORT", "ZERO");
        out.add("DSP", DSP, "00", "", "", "", date(day));
        out.add("PRE", PRE);
        out.add("CDI", CDI);
        out.add("AIR", AIR);
        out.add("TP", TP, String.valueOf(out.count() - pharmacyStart + 1));
        return out.trailer(header);
    }

    /** Cuts a value to the element's length and replaces the delimiters inside it. */
    static String clean(String value, int max) {
        if (value == null) {
            return "";
        }
        String cleaned = value.replace(ELEMENT, '?').replace(TERMINATOR, '?').replace('\r', ' ').replace('\n', ' ').strip();
        return cleaned.length() > max ? cleaned.substring(0, max) : cleaned;
    }

    static String date(LocalDate day) {
        return day == null ? "" : DATE.format(day);
    }

    static String decimal(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    /** The segments written so far. */
    private static final class Segments {
        private final StringBuilder text = new StringBuilder();
        private int count;

        int count() {
            return count;
        }

        void header(Header h, String message) {
            text.append("TH");
            String[] values = {h.version(), h.controlNumber(), "01", "", date(h.createdAt().toLocalDate()),
                TIME.format(h.createdAt()), h.production() ? "P" : "T", "", String.valueOf(TERMINATOR)};
            for (int i = 0; i < values.length; i++) {
                text.append(ELEMENT).append(i == 8 ? values[i] : clean(values[i], TH[i]));
            }
            text.append(TERMINATOR).append(LINE_END);
            count++;
            add("IS", IS, h.sourceId(), h.sourceName(), message);
        }

        void pharmacy(Pharmacy p) {
            add("PHA", PHA, p.npi(), p.ncpdp(), p.dea(), p.name(), p.address1(), p.address2(), p.city(), p.state(),
                    p.zip(), p.phone(), p.contact(), "");
        }

        /** Every element position up to the segment's last, empty ones keeping their delimiters. */
        void add(String id, int[] lengths, String... values) {
            if (values.length > lengths.length) {
                throw new IllegalArgumentException(id + " has " + lengths.length + " elements");
            }
            text.append(id);
            for (int i = 0; i < lengths.length; i++) {
                text.append(ELEMENT).append(i < values.length ? clean(values[i], lengths[i]) : "");
            }
            text.append(TERMINATOR).append(LINE_END);
            count++;
        }

        String trailer(Header h) {
            add("TT", TT, h.controlNumber(), String.valueOf(count + 1));
            return text.toString();
        }
    }

    /** The segments of a file, without terminators and line ends, each split into its elements (segment id first). */
    public static List<List<String>> parse(String file) {
        List<List<String>> segments = new ArrayList<>();
        String body = file;
        int thEnd = body.indexOf("" + TERMINATOR + TERMINATOR);
        segments.add(List.of((body.substring(0, thEnd + 1)).split("\\*", -1)));
        for (String raw : body.substring(thEnd + 2).split(java.util.regex.Pattern.quote(String.valueOf(TERMINATOR)))) {
            String segment = raw.strip();
            if (!segment.isEmpty()) {
                segments.add(List.of(segment.split("\\*", -1)));
            }
        }
        return segments;
    }
}
