package org.pestle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;

/**
 * Every demo role against every endpoint, with the ids of another clinic of the same organization
 * and of another organization: nothing of theirs may come back, and nothing of theirs may change.
 * Pharmacy-side roles reach every clinic by policy, within what the permission matrix allows them.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackMatrixIntegrationTests {

    /** Orders of each clinic, and the demo users at home there. */
    static final Map<UUID, String> PRESCRIBER_OF = Map.of(Demo.NORTHSIDE, Demo.REYES, Demo.LAKESIDE, Demo.OKAFOR,
            Demo.SUMMIT, Demo.HALE);
    static final Map<String, Set<UUID>> HOME_CLINICS = Map.of(Demo.REYES, Set.of(Demo.NORTHSIDE),
            Demo.CLINIC_ADMIN, Set.of(Demo.NORTHSIDE), Demo.OKAFOR, Set.of(Demo.LAKESIDE), Demo.HALE,
            Set.of(Demo.SUMMIT));

    @Autowired
    TestRestTemplate http;

    Api api;
    Map<UUID, JsonNode> orderOf;

    @BeforeAll
    void oneOrderInEveryClinic() {
        api = new Api(http);
        orderOf = Map.of(
                Demo.NORTHSIDE, place(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE, Demo.NALTREXONE),
                Demo.LAKESIDE, place(Demo.LAKESIDE, Demo.PATIENT_LAKESIDE, Demo.MOUTHWASH),
                Demo.SUMMIT, place(Demo.SUMMIT, Demo.PATIENT_SUMMIT, Demo.NALTREXONE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dr.reyes", "clinic.admin", "dr.okafor", "dr.hale"})
    void clinicUsersGetNothingOfAnotherClinicOrOrganization(String user) {
        Set<UUID> home = HOME_CLINICS.get(user);
        for (Map.Entry<UUID, JsonNode> entry : orderOf.entrySet()) {
            String id = entry.getValue().get("id").asText();
            String number = entry.getValue().get("orderNumber").asText();
            boolean mine = home.contains(entry.getKey());

            Api.Response read = api.get(user, "/api/orders/" + id);
            assertThat(read.status()).as("%s reads order of %s", user, entry.getKey()).isEqualTo(mine ? 200 : 404);
            if (!mine) {
                assertThat(read.body()).doesNotContain(number, entry.getKey().toString());
                assertThat(api.get(user, "/engine-rest/history/process-instance?processInstanceBusinessKey=" + number)
                        .json()).as("%s sees the process of another clinic's order", user).isEmpty();
                assertThat(api.get(user, "/engine-rest/task?processInstanceBusinessKey=" + number).json()).isEmpty();
                assertThat(api.get(user, "/engine-rest/history/variable-instance?processInstanceIdIn="
                        + processOf(number)).json()).isEmpty();
            }
        }
        JsonNode list = api.get(user, "/api/orders?size=100").json();
        list.get("items").forEach(item -> assertThat(home).contains(UUID.fromString(item.get("clinicId").asText())));
        for (String status : List.of("SUBMITTED", "IN_REVIEW", "REJECTED", "AWAITING_PAYMENT")) {
            api.get(user, "/api/orders?size=100&status=" + status).json().get("items").forEach(item ->
                    assertThat(home).contains(UUID.fromString(item.get("clinicId").asText())));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dr.reyes", "dr.okafor", "dr.hale"})
    void prescribersCannotOrderForAnotherClinicsPatients(String prescriber) {
        for (UUID clinic : orderOf.keySet()) {
            if (HOME_CLINICS.get(prescriber).contains(clinic)) {
                continue;
            }
            UUID patient = clinic.equals(Demo.NORTHSIDE) ? Demo.PATIENT_NORTHSIDE
                    : clinic.equals(Demo.LAKESIDE) ? Demo.PATIENT_LAKESIDE : Demo.PATIENT_SUMMIT;
            assertThat(api.post(prescriber, "/api/orders", order(clinic, patient, line(Demo.NALTREXONE))).status())
                    .as("%s orders at %s", prescriber, clinic).isEqualTo(422);
            UUID home = HOME_CLINICS.get(prescriber).iterator().next();
            Api.Response foreignPatient = api.post(prescriber, "/api/orders", order(home, patient,
                    line(Demo.NALTREXONE)));
            assertThat(foreignPatient.status()).isEqualTo(422);
            assertThat(foreignPatient.json().at("/errors/0/field").asText()).isEqualTo("patientId");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dr.reyes", "clinic.admin", "dr.okafor", "dr.hale", "technician", "operator", "privacy",
            "pharmacist"})
    void onlyPharmacyAdminsAdministerTheMatrixAndOnlyAdminsUsers(String user) {
        assertThat(api.get(user, "/api/admin/permissions").status()).isEqualTo(403);
        assertThat(api.exchange(user, HttpMethod.PUT, "/api/admin/permissions/CLINIC_STAFF",
                Map.of("read", List.of(), "do", List.of()), Map.of()).status()).isEqualTo(403);
        int users = api.get(user, "/api/admin/users").status();
        assertThat(users).isEqualTo(user.equals(Demo.CLINIC_ADMIN) ? 200 : 403);
        for (String target : List.of(Demo.PHARMACIST, Demo.OKAFOR, Demo.HALE)) {
            Api.Response disable = api.post(user, "/api/admin/users/" + target + "/disable", null);
            assertThat(disable.status()).as("%s disables %s", user, target).isIn(403, 404);
            Api.Response credentials = api.exchange(user, HttpMethod.PUT, "/api/admin/users/" + target
                    + "/prescriber", Map.of("npi", "1134296023"), Map.of());
            assertThat(credentials.status()).isIn(403, 404);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"operator"})
    void operatorsSeeIdentifiersInCamundaButNoOrderContent(String user) {
        assertThat(api.get(user, "/api/orders").status()).isEqualTo(403);
        assertThat(api.get(user, "/api/orders/" + orderOf.get(Demo.NORTHSIDE).get("id").asText()).status())
                .isEqualTo(403);
        JsonNode instances = api.get(user, "/engine-rest/history/process-instance?processInstanceBusinessKey="
                + orderOf.get(Demo.SUMMIT).get("orderNumber").asText()).json();
        assertThat(instances).hasSize(1);
        String variables = api.get(user, "/engine-rest/history/variable-instance?processInstanceIdIn="
                + instances.get(0).get("id").asText()).body();
        assertThat(variables).doesNotContain("Ingrid", "Solberg", "1959-11-21", "+1555", "Use as directed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pharmacist", "technician"})
    void pharmacyStaffReachEveryClinicByPolicy(String user) {
        for (JsonNode order : orderOf.values()) {
            assertThat(api.get(user, "/api/orders/" + order.get("id").asText()).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dr.reyes", "dr.hale", "operator"})
    void nobodyEndsSomebodyElsesElevatedAccess(String user) {
        assertThat(api.post(user, "/api/elevated-access/" + UUID.randomUUID() + "/end", null).status())
                .isIn(404, 409);
    }

    private JsonNode place(UUID clinic, UUID patient, UUID compound) {
        Api.Response created = api.post(PRESCRIBER_OF.get(clinic), "/api/orders", order(clinic, patient,
                line(compound)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private String processOf(String orderNumber) {
        JsonNode instances = api.get(Demo.ADMIN, "/engine-rest/history/process-instance?processInstanceBusinessKey="
                + orderNumber).json();
        return instances.get(0).get("id").asText();
    }
}
