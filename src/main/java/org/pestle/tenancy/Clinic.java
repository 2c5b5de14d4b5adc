package org.pestle.tenancy;

import java.util.UUID;

/**
 * A clinic (site) of a client organization. Its code is also its Camunda tenant id.
 *
 * @param id clinic id
 * @param organizationId the clinic group it belongs to
 * @param code short stable code, e.g. {@code northside}
 * @param name display name
 * @param approvedCompoundsOnly the clinic's ordering policy: providers may order approved compounds only
 */
public record Clinic(UUID id, UUID organizationId, String code, String name, boolean approvedCompoundsOnly) {
}
