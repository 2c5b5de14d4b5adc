package org.pestle.recall.internal.openfda;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pestle.inventory.Ndc;
import org.pestle.recall.internal.openfda.ParsedRecall.FoundLot;
import org.pestle.recall.internal.openfda.ParsedRecall.FoundNdc;
import org.pestle.recall.internal.openfda.ParsedRecall.Skipped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads an openFDA drug/enforcement record (one record, or an API answer with {@code results}) into a
 * {@link ParsedRecall}. Lots are taken only after a lot keyword ({@code Lot}, {@code Lots:}, {@code Lot #:} ...), each
 * group's expiry ({@code Exp}, {@code Expiration Date}, {@code BUD}) is given to the lots before it, and UPCs, NDCs,
 * barcodes and dates are listed as skipped, never taken for lots. A record in a shape not known here yields
 * {@link ParsedRecall#NO_LOT_FOUND}, never a guess. Stateless and thread-safe.
 */
public final class EnforcementRecordParser {

    private static final String MONTH = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
    private static final String DATE = "(?<![\\w/-])(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{4}|\\d{1,2}/\\d{4}"
            + "|\\d{1,2}/\\d{2}|\\d{1,2}-?(?:" + MONTH + ")-?\\d{4}|(?:" + MONTH + ")\\.?\\s+\\d{1,2},\\s*\\d{4}"
            + "|(?:" + MONTH + ")\\.?\\s+\\d{4})(?![\\w/])";
    private static final Pattern TOKEN = Pattern.compile(String.join("|",
            "(?<lot>\\b(?:lot\\s+numbers?(?:\\s+and\\s+exp(?:iration)?\\.?\\s+dates?)?|lots?)\\b\\s*(?:#|no\\.)?\\s*:?)",
            "(?<ndc>\\bNDC\\s*(?:#\\s*)?:?\\s*(?<ndccode>\\d[\\d-]{8,12}\\d))",
            "(?<upc>\\bUPC\\s*(?:#\\s*)?:?\\s*(?<upccode>\\d[\\d -]{9,16}\\d))",
            "(?<barcode>\\bbarcode\\s*\\(01\\)[\\d ]*\\d)",
            "(?<expiry>\\b(?:exp(?:iration|iry)?\\.?(?:\\s*date)?|BUD|best\\s+use\\s+date|use\\s+by|beyond[- ]use\\s+date)"
                    + "\\s*[.:]?\\s*(?<expirydate>" + DATE + "))",
            "(?<date>" + DATE + ")",
            "(?<label>(?<![\\w(])[a-z]\\))",
            "(?<sep>[,;])",
            "(?<word>[^\\s,;]+)"), Pattern.CASE_INSENSITIVE);
    private static final Pattern WILDCARD = Pattern.compile(
            "(?:note\\s+that\\s+)?(?:the\\s+)?lot\\s+numbers?\\s+may\\s+be\\s+followed\\s+by\\s+[^.;]*[.;]?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ALL_LOTS = Pattern.compile("\\ball\\s+lots\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOT_SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]{0,38}\\*?");
    private static final Pattern DASHED_NDC = Pattern.compile("\\d{4,5}-\\d{3,4}-\\d{1,2}");
    private static final Pattern TEXT_NDC = Pattern.compile(
            "(?<![\\d-])(?<dashed>\\d{4,5}-\\d{3,4}-\\d{1,2})(?![\\d-])|\\bNDC[^\\d]{0,6}(?<plain>\\d{10,11})(?!\\d)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LABEL_BEFORE = Pattern.compile("(?<![\\w(])([a-z])\\)\\s*(?:NDC\\s*#?:?\\s*)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RECALL_NUMBER = Pattern.compile("([A-Z])-(\\d{1,6})-(\\d{4})");
    private static final Set<String> CONNECTORS = Set.of("and", "or", "&", "-", "--", "---");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

    /**
     * Reads a record or an API answer holding exactly one.
     *
     * @throws UnreadableRecord naming the field at fault when it is neither
     */
    public ParsedRecall parse(JsonNode json) {
        JsonNode record = single(json);
        String recallNumber = text(record, "recall_number");
        if (recallNumber == null) {
            throw new UnreadableRecord("recall_number", "is missing: not an openFDA enforcement record");
        }
        String productDescription = text(record, "product_description");
        String codeInfo = join(text(record, "code_info"), text(record, "more_code_info"));
        List<FoundNdc> ndcs = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        ndcsOfText(productDescription == null ? "" : productDescription, "product_description", ndcs, skipped);
        List<FoundLot> lots = new ArrayList<>();
        boolean allLots = lotsOf(codeInfo == null ? "" : codeInfo, lots, ndcs, skipped);
        ndcsOfOpenFda(record.path("openfda"), ndcs, skipped);
        String needsPharmacist = lots.isEmpty() && !allLots ? ParsedRecall.NO_LOT_FOUND : null;
        return new ParsedRecall(recallNumber.strip(), recallKey(recallNumber), classification(text(record, "classification")),
                text(record, "status"), text(record, "recalling_firm"), text(record, "event_id"),
                date8(text(record, "report_date")), productDescription, codeInfo, dedupe(ndcs), lots, allLots, skipped,
                needsPharmacist);
    }

    /** The recall number with its sequence zero-padded to 4 digits, upper case; as given when it has another shape. */
    public static String recallKey(String recallNumber) {
        String value = recallNumber.strip().toUpperCase(Locale.ROOT);
        Matcher m = RECALL_NUMBER.matcher(value);
        if (!m.matches()) {
            return value;
        }
        String sequence = m.group(2).replaceFirst("^0+(?=\\d)", "");
        return m.group(1) + "-" + "0".repeat(Math.max(0, 4 - sequence.length())) + sequence + "-" + m.group(3);
    }

    private static JsonNode single(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new UnreadableRecord("record", "must be a JSON object: one enforcement record or an openFDA answer");
        }
        if (json.has("error") && !json.has("results")) {
            throw new UnreadableRecord("results", "openFDA answered with an error: no record matched");
        }
        JsonNode results = json.get("results");
        if (results == null) {
            return json;
        }
        if (!results.isArray() || results.isEmpty()) {
            throw new UnreadableRecord("results", "holds no record");
        }
        if (results.size() > 1) {
            throw new UnreadableRecord("results", "holds " + results.size() + " records: import one recall number at a time");
        }
        return results.get(0);
    }

    private static boolean lotsOf(String codeInfo, List<FoundLot> lots, List<FoundNdc> ndcs, List<Skipped> skipped) {
        String text = codeInfo.replaceAll("\\s+", " ").strip();
        Matcher wildcard = WILDCARD.matcher(text);
        boolean prefixAll = wildcard.find();
        if (prefixAll) {
            text = wildcard.replaceAll(" ; ");
        }
        boolean allLots = ALL_LOTS.matcher(text).find();
        boolean inList = false;
        String label = null;
        List<Integer> pending = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            if (m.group("lot") != null) {
                inList = true;
                pending.clear();
            } else if (m.group("ndc") != null) {
                ndcOfCode(m.group("ndccode"), "code_info", label, ndcs, skipped);
            } else if (m.group("upc") != null) {
                skipped.add(new Skipped(m.group("upccode").strip(), "UPC", "a UPC, not a lot"));
            } else if (m.group("barcode") != null) {
                skipped.add(new Skipped(m.group("barcode").strip(), "BARCODE", "a GS1 barcode, not a lot"));
            } else if (m.group("expiry") != null || m.group("date") != null) {
                String printed = m.group("expiry") != null ? m.group("expirydate") : m.group("date");
                expiry(printed, lots, pending, skipped);
            } else if (m.group("label") != null) {
                label = m.group("label").substring(0, 1).toLowerCase(Locale.ROOT);
            } else if (m.group("word") != null) {
                String word = m.group("word").replaceAll("^[(\"']+|[)\"'.:]+$", "");
                if (word.isEmpty()) {
                    continue;
                }
                if (word.chars().noneMatch(Character::isDigit)) {
                    if (!CONNECTORS.contains(word.toLowerCase(Locale.ROOT))) {
                        inList = false;
                    }
                    continue;
                }
                if (word.matches("\\d{8}") && date8(word) != null) {
                    expiry(word, lots, pending, skipped);
                } else if (word.matches("\\d{12}") && upcCheckDigitHolds(word)) {
                    skipped.add(new Skipped(word, "UPC", "a UPC (check digit holds), not a lot"));
                } else if (DASHED_NDC.matcher(word).matches()) {
                    ndcOfCode(word, "code_info", label, ndcs, skipped);
                } else if (inList && LOT_SHAPE.matcher(word).matches()) {
                    boolean star = word.endsWith("*");
                    String number = star ? word.substring(0, word.length() - 1) : word;
                    pending.add(lots.size());
                    lots.add(new FoundLot(number, null, star || prefixAll, label));
                } else {
                    skipped.add(new Skipped(word, "OTHER", inList ? "not shaped like a lot number" : "not after a lot keyword"));
                }
            }
        }
        return allLots;
    }

    private static void expiry(String printed, List<FoundLot> lots, List<Integer> pending, List<Skipped> skipped) {
        LocalDate date = parseDate(printed);
        skipped.add(new Skipped(printed, "DATE", pending.isEmpty() ? "a date, not a lot" : "the expiry of the lots before it"));
        if (date != null) {
            for (int index : pending) {
                FoundLot lot = lots.get(index);
                lots.set(index, new FoundLot(lot.lotNumber(), date, lot.prefix(), lot.label()));
            }
        }
        pending.clear();
    }

    private static void ndcsOfText(String text, String source, List<FoundNdc> ndcs, List<Skipped> skipped) {
        Matcher m = TEXT_NDC.matcher(text);
        while (m.find()) {
            String code = m.group("dashed") != null ? m.group("dashed") : m.group("plain");
            Matcher label = LABEL_BEFORE.matcher(text.substring(Math.max(0, m.start() - 12), m.start()));
            ndcOfCode(code, source, label.find() ? label.group(1).toLowerCase(Locale.ROOT) : null, ndcs, skipped);
        }
    }

    private static void ndcOfCode(String code, String source, String label, List<FoundNdc> ndcs, List<Skipped> skipped) {
        try {
            ndcs.add(new FoundNdc(Ndc.parse(code).digits(), code, source, label));
            if (!"product_description".equals(source)) {
                skipped.add(new Skipped(code, "NDC", "an NDC, not a lot"));
            }
        } catch (Ndc.InvalidNdc e) {
            skipped.add(new Skipped(code, "NDC", "an NDC that cannot be normalized: " + e.getMessage()));
        }
    }

    private static void ndcsOfOpenFda(JsonNode openfda, List<FoundNdc> ndcs, List<Skipped> skipped) {
        for (JsonNode value : openfda.path("package_ndc")) {
            String code = value.asText().strip();
            if (DASHED_NDC.matcher(code).matches()) {
                try {
                    ndcs.add(new FoundNdc(Ndc.parse(code).digits(), code, "openfda.package_ndc", null));
                } catch (Ndc.InvalidNdc e) {
                    skipped.add(new Skipped(code, "NDC", "openfda.package_ndc that cannot be normalized: " + e.getMessage()));
                }
            } else {
                skipped.add(new Skipped(code, "UPC", "openfda.package_ndc without dashes: a UPC fragment, not an NDC"));
            }
        }
        for (JsonNode value : openfda.path("product_ndc")) {
            skipped.add(new Skipped(value.asText().strip(), "NDC",
                    "openfda.product_ndc has no package code: matched through the package NDCs"));
        }
    }

    private static List<FoundNdc> dedupe(List<FoundNdc> ndcs) {
        Set<String> seen = new LinkedHashSet<>();
        return ndcs.stream().filter(n -> seen.add(n.digits())).toList();
    }

    /** A date as enforcement records print them; the month's last day when only a month is given; null when unreadable. */
    static LocalDate parseDate(String printed) {
        String value = printed.strip().toLowerCase(Locale.ROOT).replace(".", "");
        try {
            Matcher m;
            if ((m = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})").matcher(value)).matches()) {
                return LocalDate.of(i(m, 1), i(m, 2), i(m, 3));
            }
            if ((m = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})").matcher(value)).matches()) {
                return LocalDate.of(i(m, 3), i(m, 1), i(m, 2));
            }
            if ((m = Pattern.compile("(\\d{1,2})/(\\d{4})").matcher(value)).matches()) {
                return YearMonth.of(i(m, 2), i(m, 1)).atEndOfMonth();
            }
            if ((m = Pattern.compile("(\\d{1,2})/(\\d{2})").matcher(value)).matches()) {
                return YearMonth.of(2000 + i(m, 2), i(m, 1)).atEndOfMonth();
            }
            if ((m = Pattern.compile("(\\d{1,2})-?([a-z]{3})[a-z]*-?(\\d{4})").matcher(value)).matches()) {
                return LocalDate.of(i(m, 3), month(m.group(2)), i(m, 1));
            }
            if ((m = Pattern.compile("([a-z]{3})[a-z]*\\s+(\\d{1,2}),\\s*(\\d{4})").matcher(value)).matches()) {
                return LocalDate.of(i(m, 3), month(m.group(1)), i(m, 2));
            }
            if ((m = Pattern.compile("([a-z]{3})[a-z]*\\s+(\\d{4})").matcher(value)).matches()) {
                return YearMonth.of(i(m, 2), month(m.group(1))).atEndOfMonth();
            }
            if (value.matches("\\d{8}")) {
                return date8(value);
            }
        } catch (DateTimeException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static LocalDate date8(String value) {
        if (value == null || !value.matches("(19|20)\\d{6}")) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(value.substring(0, 4)), Integer.parseInt(value.substring(4, 6)),
                    Integer.parseInt(value.substring(6)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int i(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int month(String name) {
        Integer month = MONTHS.get(name.substring(0, 3));
        if (month == null) {
            throw new IllegalArgumentException("not a month");
        }
        return month;
    }

    private static boolean upcCheckDigitHolds(String twelve) {
        int sum = 0;
        for (int k = 0; k < 11; k++) {
            int digit = twelve.charAt(k) - '0';
            sum += k % 2 == 0 ? digit * 3 : digit;
        }
        return (10 - sum % 10) % 10 == twelve.charAt(11) - '0';
    }

    private static String classification(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = Pattern.compile("class\\s+(iii|ii|i)", Pattern.CASE_INSENSITIVE).matcher(value.strip());
        return m.matches() ? m.group(1).toUpperCase(Locale.ROOT) : null;
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static String join(String first, String second) {
        if (second == null) {
            return first;
        }
        return first == null ? second : first + " " + second;
    }

    /** A record that cannot be read; names the field and the rule, never repeats the value. */
    public static class UnreadableRecord extends IllegalArgumentException {

        private final String field;

        public UnreadableRecord(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
