package org.pestle.dispensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pestle.dispensing.IdDocument;
import org.pestle.dispensing.LotDisposition;
import org.pestle.dispensing.PickedUpBy;
import org.pestle.dispensing.SendBackReason;
import org.pestle.dispensing.internal.FulfillmentVariables.FinalCheckDecision;

/** The choices the fulfillment forms offer are exactly the codes the server accepts, and they carry no free text. */
class FulfillmentFormsTests {

    @Test
    void theFinalCheckFormOffersTheDecisionsReasonsAndDispositionsTheServerAccepts() throws IOException {
        JsonNode form = form("final-check");
        assertThat(values(form, FulfillmentVariables.FINAL_CHECK_DECISION)).containsExactlyElementsOf(
                Arrays.stream(FinalCheckDecision.values()).map(FinalCheckDecision::value).toList());
        assertThat(values(form, FulfillmentVariables.SEND_BACK_REASON)).containsExactlyElementsOf(
                names(SendBackReason.values()));
        assertThat(values(form, FulfillmentVariables.LOT_DISPOSITION)).containsExactlyElementsOf(
                names(LotDisposition.values()));
    }

    @Test
    void thePickupFormOffersWhoPickedUpAndTheIdDocumentsTheServerAccepts() throws IOException {
        JsonNode form = form("record-pickup");
        assertThat(values(form, FulfillmentVariables.PICKED_UP_BY)).containsExactlyElementsOf(names(PickedUpBy.values()));
        assertThat(values(form, FulfillmentVariables.ID_DOCUMENT)).containsExactlyElementsOf(names(IdDocument.values()));
    }

    @Test
    void theHandoverFormOffersPickupOrShipmentAndTheCarriersTheServerAccepts() throws IOException {
        JsonNode form = form("record-pickup");
        assertThat(values(form, FulfillmentVariables.HANDOVER)).containsExactlyElementsOf(
                names(FulfillmentVariables.Handover.values()));
        assertThat(values(form, FulfillmentVariables.CARRIER)).containsExactlyElementsOf(
                names(org.pestle.dispensing.Carrier.values()));
    }

    @Test
    void theReturnToStockFormOffersTheReasonsTheServerAcceptsAndAsksForTheDestruction() throws IOException {
        JsonNode form = form("return-to-stock");
        assertThat(values(form, FulfillmentVariables.RETURN_REASON)).containsExactlyElementsOf(
                names(org.pestle.dispensing.ReturnReason.values()));
        assertThat(keys(form)).containsExactly(FulfillmentVariables.RETURN_REASON,
                FulfillmentVariables.PREPARATION_DESTROYED);
        assertThat(keys(form("record-delivery"))).containsExactly(FulfillmentVariables.DELIVERY_CONFIRMED);
    }

    @Test
    void theCompoundingFormAsksOnlyForTheConfirmation() throws IOException {
        JsonNode form = form("compound-order");
        List<String> keys = new ArrayList<>();
        form.get("components").forEach(c -> {
            if (c.has("key")) {
                keys.add(c.get("key").asText());
            }
        });
        assertThat(keys).containsExactly(FulfillmentVariables.COMPOUNDING_CONFIRMED);
    }

    @Test
    void noFulfillmentFormHasAFreeTextField() throws IOException {
        for (String id : List.of("compound-order", "final-check", "record-pickup", "record-delivery",
                "return-to-stock")) {
            // the one text field: the carrier's tracking number, an identifier the server checks (letters and digits)
            form(id).get("components").forEach(c -> assertThat(c.get("type").asText())
                    .as("%s field %s", id, c.path("key").asText())
                    .isNotIn(FulfillmentVariables.TRACKING_NUMBER.equals(c.path("key").asText())
                            ? new String[] {"textarea"} : new String[] {"textfield", "textarea"}));
        }
    }

    private static List<String> keys(JsonNode form) {
        List<String> keys = new ArrayList<>();
        form.get("components").forEach(c -> {
            if (c.has("key")) {
                keys.add(c.get("key").asText());
            }
        });
        return keys;
    }

    private static JsonNode form(String id) throws IOException {
        JsonNode form = new ObjectMapper().readTree(Path.of("forms", id + ".form").toFile());
        assertThat(form.get("id").asText()).isEqualTo(id);
        return form;
    }

    private static List<String> values(JsonNode form, String key) {
        List<String> values = new ArrayList<>();
        form.get("components").forEach(c -> {
            if (key.equals(c.path("key").asText()) && c.has("values")) {
                c.get("values").forEach(v -> values.add(v.get("value").asText()));
            }
        });
        assertThat(values).as("options of field %s", key).isNotEmpty();
        return values;
    }

    private static List<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).toList();
    }
}
