package org.pestle.ordering.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pestle.ordering.internal.ReviewCodes.ClarificationAnswer;
import org.pestle.ordering.internal.ReviewCodes.ClarificationQuestion;
import org.pestle.ordering.internal.ReviewCodes.RejectionReason;
import org.pestle.ordering.internal.ReviewCodes.VerificationDecision;

/** The choices the forms offer are exactly the codes the server accepts. */
class ReviewFormsTests {

    @Test
    void verificationFormOffersTheDecisionsAndCodesTheServerAccepts() throws IOException {
        JsonNode form = form("verify-prescription");
        assertThat(values(form, "verificationDecision"))
                .containsExactlyElementsOf(Arrays.stream(VerificationDecision.values()).map(VerificationDecision::value).toList());
        assertThat(values(form, "rejectionReason")).containsExactlyElementsOf(names(RejectionReason.values()));
        assertThat(values(form, "clarificationQuestion")).containsExactlyElementsOf(names(ClarificationQuestion.values()));
    }

    @Test
    void clarificationFormOffersTheAnswersTheServerAccepts() throws IOException {
        JsonNode form = form("answer-clarification");
        assertThat(values(form, "clarificationAnswer")).containsExactlyElementsOf(names(ClarificationAnswer.values()));
        assertThat(values(form, "clarificationQuestion")).containsExactlyElementsOf(names(ClarificationQuestion.values()));
    }

    private static JsonNode form(String id) throws IOException {
        JsonNode form = new ObjectMapper().readTree(Path.of("forms", id + ".form").toFile());
        assertThat(form.get("id").asText()).isEqualTo(id);
        return form;
    }

    private static List<String> values(JsonNode form, String key) {
        List<String> values = new ArrayList<>();
        collect(form, key, values);
        assertThat(values).as("options of field %s", key).isNotEmpty();
        return values;
    }

    private static void collect(JsonNode node, String key, List<String> values) {
        if (node.isObject() && key.equals(node.path("key").asText()) && node.has("values")) {
            node.get("values").forEach(v -> values.add(v.get("value").asText()));
        }
        node.forEach(child -> collect(child, key, values));
    }

    private static List<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).toList();
    }
}
