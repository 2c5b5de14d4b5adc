package org.pestle.ordering;

import java.util.UUID;

/**
 * A user opened one order (the API's {@code GET /api/orders/{id}} or the console's order page).
 * Lists of orders are not recorded: they show identifiers, numbers and statuses, no patient.
 *
 * @param viewedBy username of the reader
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 * @param via where it was read: API or CONSOLE
 */
public record OrderViewed(String viewedBy, UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId, String via) {
}
