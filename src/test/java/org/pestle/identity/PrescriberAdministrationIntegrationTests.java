package org.pestle.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;

/** Prescriber credentials are checked by their check digits before they are recorded. */
@IntegrationTest
class PrescriberAdministrationIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    TestUsers users;

    @Test
    void refusesAnNpiOrDeaNumberThatFailsItsCheck() {
        String user = users.clinicStaff(null);

        Api.Response response = put(Demo.ADMIN, user, Map.of("npi", "1234567894", "deaNumber", "AB4523763"));

        assertThat(response.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactly("npi", "deaNumber");
    }

    @Test
    void refusesADeaNumberOfSomebodyElse() {
        String user = users.clinicStaff(null);

        Api.Response response = put(Demo.ADMIN, user, Map.of("npi", "1558598797", "deaNumber", "AB1234563"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().at("/errors/0/message").asText()).contains("last name");
    }

    @Test
    void recordsValidCredentialsAndMakesTheUserAPrescriber() {
        // test users are called "Test User": a DEA number of theirs has U as its second letter
        String user = users.clinicStaff(null);

        Api.Response response = put(Demo.CLINIC_ADMIN, user, Map.of("npi", "1295723567", "deaNumber", "au1234563"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("npi").asText()).isEqualTo("1295723567");
        assertThat(response.json().get("deaNumber").asText()).isEqualTo("AU1234563");
        JsonAssert.rolesOf(new Api(http), user).contains("PRESCRIBER");
        assertThat(put(Demo.ADMIN, users.clinicStaff(null), Map.of("npi", "1295723567")).status()).isEqualTo(409);
    }

    @Test
    void onlyAdministratorsRecordCredentials() {
        String user = users.clinicStaff(null);
        assertThat(put(Demo.REYES, user, Map.of("npi", "1134296023")).status()).isEqualTo(403);
        assertThat(put(Demo.CLINIC_ADMIN, Demo.PHARMACIST, Map.of("npi", "1134296023")).status()).isEqualTo(404);
    }

    private Api.Response put(String admin, String username, Map<String, String> credentials) {
        return new Api(http).exchange(admin, HttpMethod.PUT, "/api/admin/users/" + username + "/prescriber",
                credentials, Map.of());
    }

    /** Reads a user's roles through the administration API. */
    private static final class JsonAssert {

        static org.assertj.core.api.ListAssert<String> rolesOf(Api api, String username) {
            List<String> roles = new ArrayList<>();
            api.get(Demo.ADMIN, "/api/admin/users").json().forEach(user -> {
                if (user.get("username").asText().equals(username)) {
                    user.get("roles").forEach(role -> roles.add(role.asText()));
                }
            });
            return assertThat(roles);
        }
    }
}
