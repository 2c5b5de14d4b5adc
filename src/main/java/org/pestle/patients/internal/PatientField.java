package org.pestle.patients.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.pestle.identity.DataElement;

/**
 * The fields of a patient record, each stored as ciphertext in its own column of {@code patient}
 * and shown only to roles that may read its data element.
 */
enum PatientField {
    FIRST_NAME("first-name", "first_name", "firstName", DataElement.PATIENT_NAME),
    LAST_NAME("last-name", "last_name", "lastName", DataElement.PATIENT_NAME),
    DATE_OF_BIRTH("date-of-birth", "date_of_birth", "dateOfBirth", DataElement.PATIENT_DATE_OF_BIRTH),
    PHONE("phone", "phone", "phone", DataElement.PATIENT_PHONE),
    ADDRESS("address", "address", "address", DataElement.PATIENT_ADDRESS),
    ALLERGIES("allergies", "allergies", "allergies", DataElement.PATIENT_ALLERGIES),
    CLINICAL_NOTES("clinical-notes", "clinical_notes", "clinicalNotes", DataElement.CLINICAL_NOTES);

    /** The fields the design brief designates for encryption; none may be configured away. */
    static final Set<PatientField> DESIGNATED = EnumSet.allOf(PatientField.class);

    private final String settingName;
    private final String name;
    private final String jsonName;
    private final DataElement element;

    PatientField(String settingName, String name, String jsonName, DataElement element) {
        this.settingName = settingName;
        this.name = name;
        this.jsonName = jsonName;
        this.element = element;
    }

    /** The field's name in the API's JSON and in error messages. */
    String jsonName() {
        return jsonName;
    }

    /** The ciphertext column, also the column named in the associated data. */
    String column() {
        return name + "_ct";
    }

    /** The field's name in the associated data of its ciphertext. */
    String adName() {
        return name;
    }

    DataElement element() {
        return element;
    }

    /**
     * The configured list of encrypted fields, checked: every name known, every designated field in it.
     *
     * @throws IllegalStateException naming what is wrong
     */
    static Set<PatientField> encrypted(List<String> configured) {
        Set<PatientField> fields = EnumSet.noneOf(PatientField.class);
        for (String name : configured) {
            fields.add(Arrays.stream(values()).filter(f -> f.settingName.equals(name.strip())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("pestle.patients.encrypted-fields names an unknown "
                            + "patient field '" + name + "'; known: " + settingNames(EnumSet.allOf(PatientField.class)))));
        }
        Set<PatientField> missing = EnumSet.copyOf(DESIGNATED);
        missing.removeAll(fields);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("pestle.patients.encrypted-fields must include every designated field; "
                    + "missing: " + settingNames(missing));
        }
        return fields;
    }

    private static String settingNames(Set<PatientField> fields) {
        return fields.stream().map(f -> f.settingName).collect(Collectors.joining(", "));
    }
}
