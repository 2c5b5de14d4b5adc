package org.pestle.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles of Pestle's users. Each is also a Camunda group, so candidate groups and Camunda
 * authorizations speak the same language.
 */
public enum Role {
    PHARMACIST("pharmacists", "Pharmacists", true),
    PHARMACY_TECHNICIAN("pharmacy-technicians", "Pharmacy technicians", true),
    PHARMACY_ADMIN("pharmacy-admins", "Pharmacy admins", true),
    OPERATOR("operators", "Operators", true),
    PRIVACY_OFFICER("privacy-officers", "Privacy officers", true),
    PRESCRIBER("prescribers", "Prescribers", false),
    CLINIC_STAFF("clinic-staff", "Clinic staff", false),
    CLINIC_ADMIN("clinic-admins", "Clinic admins", false);

    private final String groupId;
    private final String groupName;
    private final boolean pharmacySide;

    Role(String groupId, String groupName, boolean pharmacySide) {
        this.groupId = groupId;
        this.groupName = groupName;
        this.pharmacySide = pharmacySide;
    }

    /** The Camunda group id of this role, e.g. {@code pharmacists}. */
    public String groupId() {
        return groupId;
    }

    /** A human name of the group. */
    public String groupName() {
        return groupName;
    }

    /** Pharmacy-side roles work for every client clinic; clinic-side roles only for their assigned clinics. */
    public boolean pharmacySide() {
        return pharmacySide;
    }

    /** The Spring Security authority of this role, e.g. {@code ROLE_PHARMACIST}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role whose Camunda group id is given, if any. */
    public static Optional<Role> ofGroupId(String groupId) {
        return Arrays.stream(values()).filter(r -> r.groupId.equals(groupId)).findFirst();
    }
}
