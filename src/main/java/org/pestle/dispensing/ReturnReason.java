package org.pestle.dispensing;

/** Why a ready order was returned to stock (the return-to-stock form's codes). */
public enum ReturnReason {
    /** Not picked up by the clinic's return-to-stock day. */
    UNCLAIMED,
    /** The patient told the pharmacy they will not pick it up. */
    PATIENT_DECLINED
}
