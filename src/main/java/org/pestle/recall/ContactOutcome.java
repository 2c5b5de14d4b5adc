package org.pestle.recall;

/** How the pharmacist's attempt to reach a patient about a recall ended. */
public enum ContactOutcome {
    /** The patient was reached. */
    REACHED_PATIENT(true),
    /** A caregiver or representative of the patient was reached. */
    REACHED_CAREGIVER(true),
    /** Tried and no answer, within the time given. */
    NOT_REACHED_NO_ANSWER(false),
    /** The number on file is wrong or out of service. */
    NOT_REACHED_WRONG_NUMBER(false),
    /** No contact details on file. */
    NOT_REACHED_NO_CONTACT_DETAILS(false),
    /** The patient has died. */
    NOT_REACHED_DECEASED(false);

    private final boolean reached;

    ContactOutcome(boolean reached) {
        this.reached = reached;
    }

    /** Whether the patient (or a caregiver) was reached. */
    public boolean reached() {
        return reached;
    }
}
