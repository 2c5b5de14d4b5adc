package org.pestle.tenancy;

import java.util.Optional;

/**
 * Checks of prescriber identifiers by their check digits (which tell a typo, not whether the number
 * was issued: that takes NPPES or the DEA's own lookup).
 */
public final class ProviderIdentifiers {

    private ProviderIdentifiers() {
    }

    /**
     * An NPI: ten digits whose last is the Luhn check digit over the card-issuer prefix 80840 and the
     * first nine (CMS, "Requirements for NPI check digit").
     */
    public static boolean isValidNpi(String npi) {
        if (npi == null || !npi.matches("[12]\\d{9}")) {
            return false;
        }
        String digits = "80840" + npi;
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    /**
     * What is wrong with a DEA registration number for a prescriber of this last name, if anything:
     * two letters and seven digits; the second letter is the last name's initial (or 9); the last
     * digit is the last digit of (d1 + d3 + d5) + 2 × (d2 + d4 + d6).
     */
    public static Optional<String> deaProblem(String dea, String lastName) {
        if (dea == null || !dea.matches("[A-Z][A-Z9]\\d{7}")) {
            return Optional.of("must be two capital letters and seven digits");
        }
        int[] d = dea.substring(2).chars().map(c -> c - '0').toArray();
        int check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
        if (check != d[6]) {
            return Optional.of("has a wrong check digit");
        }
        char initial = lastName == null || lastName.isBlank() ? '?' : Character.toUpperCase(lastName.strip().charAt(0));
        if (dea.charAt(1) != '9' && dea.charAt(1) != initial) {
            return Optional.of("does not match the prescriber's last name (its second letter is the last name's initial)");
        }
        return Optional.empty();
    }
}
