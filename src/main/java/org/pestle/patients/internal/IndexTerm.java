package org.pestle.patients.internal;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

/**
 * A value to look patients up by without decrypting them: the keyed blind index hashes the
 * organization, the kind of value and the normalized value together, so equal values in two
 * organizations give unrelated tokens and a phone token never matches a name token.
 *
 * @param organizationId the organization whose patients are searched
 * @param kind what the value is
 * @param normalized the value in its one canonical form
 */
record IndexTerm(UUID organizationId, Kind kind, String normalized) {

    /** What is indexed: the full name, the date of birth, the phone number. */
    enum Kind {
        NAME, DATE_OF_BIRTH, PHONE
    }

    @Override
    public String toString() {
        return "IndexTerm[" + organizationId + ", " + kind + "]";
    }

    static IndexTerm name(UUID organizationId, String firstName, String lastName) {
        return new IndexTerm(organizationId, Kind.NAME, normalizeName(firstName + " " + lastName));
    }

    static IndexTerm dateOfBirth(UUID organizationId, LocalDate dateOfBirth) {
        return new IndexTerm(organizationId, Kind.DATE_OF_BIRTH, dateOfBirth.toString());
    }

    /** The phone number is already in E.164 form (validated on the way in). */
    static IndexTerm phone(UUID organizationId, String e164) {
        return new IndexTerm(organizationId, Kind.PHONE, e164.strip());
    }

    byte[] input() {
        return (organizationId + "\u0000" + kind + "\u0000" + normalized).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Case, accents, punctuation and spacing do not matter: "  Tomás  Herrera-Solís" and
     * "tomas herrera solis" are the same name (punctuation separates words like a space).
     */
    static String normalizeName(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
