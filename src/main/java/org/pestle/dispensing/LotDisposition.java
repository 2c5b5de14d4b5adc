package org.pestle.dispensing;

/** What becomes of the lots a sent-back preparation used. */
public enum LotDisposition {
    /** Not mixed yet: what was taken goes back to stock (a RETURNED movement per lot). */
    RETURN,
    /** Mixed: the preparation is destroyed; the compounding debit stands and a DESTROYED movement records it. */
    DESTROY
}
