package org.pestle.dispensing;

/** Why a pharmacist's final check sends a preparation back to compounding (the final-check form's codes). */
public enum SendBackReason {
    WRONG_QUANTITY, WRONG_INGREDIENT_OR_LOT, APPEARANCE_OR_CONSISTENCY, CONTAINER_OR_LABEL, RECORD_INCOMPLETE, OTHER
}
