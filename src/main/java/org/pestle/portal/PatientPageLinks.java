package org.pestle.portal;

import java.util.UUID;

/** Signed, expiring links to a patient's page, for texts to that patient. */
public interface PatientPageLinks {

    /**
     * The path of a new link to the patient's page ({@code /p/<token>}), to put after the pharmacy's public
     * address. The link names no patient data; it works for the portal's link validity and asks the
     * patient's date of birth.
     */
    String pathFor(UUID patientId);
}
