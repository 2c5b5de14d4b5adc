package org.pestle.console.internal.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TaskNamesTests {

    private static final Map<String, String> FACTS = Map.of("task", "Recall contact", "order", "1001",
            "clinic", "Northside Family Medicine", "schedule", " · Schedule III", "lines", "1 line");

    @Test
    void fillsEveryPlaceholderOfATemplate() {
        assertThat(TaskNames.fill("Verify order #{order} · {clinic}{schedule}", FACTS))
                .isEqualTo("Verify order #1001 · Northside Family Medicine · Schedule III");
    }

    @Test
    void leavesAnUnknownPlaceholderAsWritten() {
        assertThat(TaskNames.fill("{task} for {patient}", FACTS)).isEqualTo("Recall contact for {patient}");
    }

    @Test
    void aTaskWithoutATemplateOfItsOwnGetsTheDefaultNameFromItsBpmnName() {
        TasklistSettings settings = new TasklistSettings(null, null,
                Map.of("Task_VerifyPrescription", "Verify order #{order}"), null, Map.of("Task_VerifyPrescription",
                        Duration.ofHours(4)));

        assertThat(TaskNames.fill(settings.nameTemplate("Task_RecallContact"), FACTS))
                .isEqualTo("Recall contact · order #1001 · Northside Family Medicine · Schedule III");
        assertThat(TaskNames.fill(settings.descriptionTemplate("Task_RecallContact"), FACTS))
                .isEqualTo("Order #1001 from Northside Family Medicine: 1 line");
        assertThat(TaskNames.fill(settings.nameTemplate("Task_VerifyPrescription"), FACTS))
                .isEqualTo("Verify order #1001");
        assertThat(settings.due()).containsOnlyKeys("Task_VerifyPrescription");
    }
}
