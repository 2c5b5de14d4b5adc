package org.pestle.audit;

/** How an audited action ended. */
public enum Outcome {
    SUCCESS, DENIED, FAILED;

    /** The stored code, e.g. {@code success}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
