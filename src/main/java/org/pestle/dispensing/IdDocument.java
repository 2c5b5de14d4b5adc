package org.pestle.dispensing;

/** The identity document checked when a controlled substance is handed over. */
public enum IdDocument {
    DRIVERS_LICENSE, STATE_ID_CARD, PASSPORT, MILITARY_ID
}
