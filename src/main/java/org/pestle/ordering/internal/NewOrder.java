package org.pestle.ordering.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/orders}. The prescriber is the signed-in user.
 *
 * @param clinicId the ordering clinic
 * @param patientId a patient of that clinic
 * @param lines one to twenty compounded medications
 */
record NewOrder(
        @NotNull UUID clinicId,
        @NotNull UUID patientId,
        @NotEmpty @Size(max = 20) List<@NotNull @Valid Line> lines) {

    /**
     * @param compoundId a compound of the catalog
     * @param quantity in the compound's unit
     * @param daysSupply how many days the quantity lasts
     * @param sig directions for use
     * @param refillsAuthorized refills the prescriber authorizes
     */
    record Line(
            @NotNull UUID compoundId,
            @NotNull @Positive @Digits(integer = 8, fraction = 2) BigDecimal quantity,
            @NotNull @Min(1) @Max(365) Integer daysSupply,
            @NotBlank @Size(max = 500) String sig,
            @NotNull @Min(0) @Max(99) Integer refillsAuthorized) {
    }
}
