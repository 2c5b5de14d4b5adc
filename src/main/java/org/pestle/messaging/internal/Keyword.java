package org.pestle.messaging.internal;

import java.util.Locale;
import java.util.Set;

/**
 * The keywords carriers require a sender to honour (CTIA messaging principles): opt-out, opt-in
 * and help. Matched on the whole message, ignoring case, spaces and punctuation around it.
 */
enum Keyword {
    STOP(Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE")),
    START(Set.of("START", "UNSTOP", "YES", "OPTIN")),
    HELP(Set.of("HELP", "INFO")),
    OTHER(Set.of());

    private final Set<String> words;

    Keyword(Set<String> words) {
        this.words = words;
    }

    /** The message reduced to its letters, upper-cased: how keywords are matched. */
    static String word(String body) {
        return body == null ? "" : body.trim().replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
    }

    static Keyword of(String body) {
        String word = word(body);
        for (Keyword keyword : values()) {
            if (keyword.words.contains(word)) {
                return keyword;
            }
        }
        return OTHER;
    }
}
