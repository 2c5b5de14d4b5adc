package org.pestle.catalog;

/**
 * How many pharmacists verify an order, from decisions/verification-level.dmn.
 *
 * @param secondPharmacist whether a second pharmacist, never the first, also verifies the prescription
 *        before payment and checks the preparation before release
 * @param reason the decision row's explanation
 */
public record VerificationLevel(boolean secondPharmacist, String reason) {
}
