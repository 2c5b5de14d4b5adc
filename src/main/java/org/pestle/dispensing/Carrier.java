package org.pestle.dispensing;

/** The carrier a ready order is shipped with (the handover form's codes). */
public enum Carrier {
    USPS, UPS, FEDEX, DHL, LOCAL_COURIER
}
