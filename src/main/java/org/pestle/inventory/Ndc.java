package org.pestle.inventory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A National Drug Code in the 11-digit 5-4-2 form that HIPAA claims and ASAP files use, normalized
 * from the FDA's 10-digit configurations (4-4-2, 5-3-2, 5-4-1) by padding the short segment with a
 * zero. A 10-digit NDC without dashes is refused: its configuration, and so its 11-digit form, cannot
 * be told. NDCs carry no check digit; passing here does not prove that an NDC was ever issued.
 *
 * @param digits the 11 digits, no dashes
 */
public record Ndc(String digits) {

    private static final Pattern DASHED = Pattern.compile("(\\d{4,5})-(\\d{3,4})-(\\d{1,2})");
    private static final Pattern ELEVEN = Pattern.compile("\\d{11}");

    public Ndc {
        if (digits == null || !ELEVEN.matcher(digits).matches()) {
            throw new IllegalArgumentException("An NDC is held as 11 digits");
        }
    }

    /**
     * Reads an NDC as printed: 4-4-2, 5-3-2 or 5-4-1 with dashes, or 5-4-2 with or without dashes.
     *
     * @throws InvalidNdc naming what is wrong, without repeating the value
     */
    public static Ndc parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw new InvalidNdc("must not be blank");
        }
        if (ELEVEN.matcher(value).matches()) {
            return checked(value.substring(0, 5), value.substring(5, 9), value.substring(9));
        }
        if (value.matches("\\d{10}")) {
            throw new InvalidNdc("a 10-digit NDC without dashes cannot be converted to 11 digits: "
                    + "write it with its dashes (4-4-2, 5-3-2 or 5-4-1)");
        }
        if (value.matches("\\d{12}|\\d{6}-\\d{4}-\\d{2}")) {
            throw new InvalidNdc("12-digit NDCs (6-4-2) are not accepted yet");
        }
        Matcher dashed = DASHED.matcher(value);
        if (!dashed.matches() || dashed.group(1).length() + dashed.group(2).length() + dashed.group(3).length() < 10) {
            throw new InvalidNdc("must be an NDC: 10 digits as 4-4-2, 5-3-2 or 5-4-1 with dashes, or 11 digits (5-4-2)");
        }
        String labeler = dashed.group(1);
        String product = dashed.group(2);
        String pack = dashed.group(3);
        int configurations = (labeler.length() == 4 ? 1 : 0) + (product.length() == 3 ? 1 : 0)
                + (pack.length() == 1 ? 1 : 0);
        if (configurations > 1) {
            throw new InvalidNdc("must be an NDC: 10 digits as 4-4-2, 5-3-2 or 5-4-1 with dashes, or 11 digits (5-4-2)");
        }
        return checked(pad(labeler, 5), pad(product, 4), pad(pack, 2));
    }

    private static Ndc checked(String labeler, String product, String pack) {
        if (labeler.chars().allMatch(c -> c == '0') || product.chars().allMatch(c -> c == '0')) {
            throw new InvalidNdc("the labeler and product codes of an NDC are not all zeros");
        }
        return new Ndc(labeler + product + pack);
    }

    private static String pad(String segment, int length) {
        return "0".repeat(length - segment.length()) + segment;
    }

    /** The 11 digits as 5-4-2 with dashes, e.g. {@code 00002-7597-01}. */
    public String formatted() {
        return digits.substring(0, 5) + "-" + digits.substring(5, 9) + "-" + digits.substring(9);
    }

    @Override
    public String toString() {
        return digits;
    }

    /** An NDC that cannot be read; the message names the rule, never the value. */
    public static class InvalidNdc extends IllegalArgumentException {

        public InvalidNdc(String message) {
            super(message);
        }
    }
}
