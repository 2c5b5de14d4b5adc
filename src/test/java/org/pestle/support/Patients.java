package org.pestle.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds patient request bodies for tests (synthetic people). */
public final class Patients {

    private Patients() {
    }

    /** A new patient with name, date of birth and phone; add more with {@code put}. */
    public static Map<String, Object> patient(UUID clinicId, String firstName, String lastName, String dateOfBirth,
            String phone) {
        Map<String, Object> patient = new LinkedHashMap<>();
        patient.put("clinicId", clinicId);
        patient.put("firstName", firstName);
        patient.put("lastName", lastName);
        patient.put("dateOfBirth", dateOfBirth);
        if (phone != null) {
            patient.put("phone", phone);
        }
        return patient;
    }

    public static Map<String, Object> address(String line1, String city, String country) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("line1", line1);
        address.put("city", city);
        address.put("postalCode", "62701");
        address.put("country", country);
        return address;
    }

    /** A search body: pass pairs of field name and value. */
    public static Map<String, Object> search(String... pairs) {
        Map<String, Object> search = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            search.put(pairs[i], pairs[i + 1]);
        }
        return search;
    }

    public static List<String> allergies(String... allergies) {
        return List.of(allergies);
    }
}
