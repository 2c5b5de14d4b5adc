package org.pestle.console.internal.tasklist;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How user tasks read in Tasklist ({@code pestle.tasklist.*}): a name and a description template per task
 * definition key, the templates for every other task of an order, and the time a task is due after it
 * is created (the pharmacy's service level). Templates name identifiers and codes only, never patient
 * data: {@code {task}} (the BPMN name), {@code {order}} (the order number), {@code {clinic}} (the clinic's
 * name), {@code {schedule}} (" · Schedule III" for the order's most restrictive DEA schedule, else empty),
 * {@code {lines}} ("2 lines"), {@code {eligibility}} (accept or review) and {@code {reason}} (the
 * eligibility rule's reason).
 *
 * @param defaultName the name of an order's task without a template of its own
 * @param defaultDescription its description
 * @param names name templates by task definition key
 * @param descriptions description templates by task definition key
 * @param due how long after creation a task is due, by task definition key (none: no due date)
 */
@ConfigurationProperties("pestle.tasklist")
record TasklistSettings(String defaultName, String defaultDescription, Map<String, String> names,
        Map<String, String> descriptions, Map<String, Duration> due) {

    TasklistSettings {
        defaultName = defaultName == null ? "{task} · order #{order} · {clinic}{schedule}" : defaultName;
        defaultDescription = defaultDescription == null ? "Order #{order} from {clinic}: {lines}" : defaultDescription;
        names = names == null ? Map.of() : Map.copyOf(names);
        descriptions = descriptions == null ? Map.of() : Map.copyOf(descriptions);
        due = due == null ? Map.of() : Map.copyOf(due);
    }

    String nameTemplate(String taskKey) {
        return names.getOrDefault(taskKey, defaultName);
    }

    String descriptionTemplate(String taskKey) {
        return descriptions.getOrDefault(taskKey, defaultDescription);
    }
}
