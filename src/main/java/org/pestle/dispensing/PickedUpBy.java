package org.pestle.dispensing;

/** Who took a ready order at the pharmacy (the pickup form's codes). */
public enum PickedUpBy {
    PATIENT, CAREGIVER_OR_FAMILY, AUTHORIZED_AGENT, CLINIC_STAFF
}
