package org.pestle.identity;

/** Data elements whose visibility the permission matrix sets per role. */
public enum DataElement {
    PATIENT_NAME,
    PATIENT_DATE_OF_BIRTH,
    PATIENT_PHONE,
    PATIENT_ADDRESS,
    PATIENT_ALLERGIES,
    CLINICAL_NOTES,
    ORDER_PRICE,
    PAYMENT_DETAILS,
    PRESCRIBER_DEA
}
