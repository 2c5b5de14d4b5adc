package org.pestle.pdmp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The PDMP task forms offer exactly what the server accepts, and no free text (no patient data in Camunda). */
class PdmpFormsTests {

    @Test
    void theCorrectionFormOffersReviseAndVoidAsTheServerAcceptsThem() throws IOException {
        List<String> values = new ArrayList<>();
        form("pdmp-correct-record").get("components").forEach(c -> {
            if (ReportingProcess.RESOLUTION.equals(c.path("key").asText())) {
                c.get("values").forEach(v -> values.add(v.get("value").asText()));
            }
        });
        assertThat(values).containsExactlyElementsOf(
                Arrays.stream(Corrections.Resolution.values()).map(Enum::name).toList());
    }

    @Test
    void noPdmpFormHasAFreeTextField() throws IOException {
        for (String id : List.of("pdmp-correct-record", "pdmp-missing-value", "pdmp-deadline")) {
            form(id).get("components").forEach(c -> assertThat(c.get("type").asText())
                    .as("%s field %s", id, c.path("key").asText()).isNotIn("textfield", "textarea"));
        }
    }

    @Test
    void theMissingValueFormNamesTheElement() throws IOException {
        assertThat(form("pdmp-missing-value").get("components").get(0).get("text").asText()).contains("{{missingField}}");
    }

    private static JsonNode form(String id) throws IOException {
        return new ObjectMapper().readTree(Files.readString(Path.of("forms", id + ".form")));
    }
}
