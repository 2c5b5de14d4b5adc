package org.pestle.console.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.pestle.audit.ActivityFeed;
import org.pestle.identity.Actor;
import org.pestle.identity.Role;
import org.pestle.ordering.OrderView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One order's story in time order, from four sources: the audit trail's sentences (submitted, approved,
 * paid, declined, invoiced, compounded, checked, ready, picked up: who, and what the viewer may see of
 * names and amounts), the order's review trail (the pharmacist's question and the prescriber's answer,
 * as codes) and the processes' history (every named step of the order's processes with who did it and the
 * codes it set, such as the eligibility result with the rules' reasons, the pharmacist's decision, the
 * payment route; open tasks with a link to Tasklist, each instance with a link to Cockpit for those who
 * may open it). New steps of the processes appear without code here.
 */
@Component
class OrderTimeline {

    /** Activity types of the process history that are steps worth telling (no gateways, no start events). */
    private static final Set<String> STEPS = Set.of("userTask", "serviceTask", "sendTask", "businessRuleTask",
            "scriptTask", "intermediateMessageCatch", "intermediateTimer", "intermediateSignalCatch",
            "boundaryTimer", "boundaryMessage", "boundaryError", "intermediateMessageThrowEvent",
            "intermediateNoneThrowEvent", "noneEndEvent", "messageEndEvent", "errorEndEvent", "terminateEndEvent");

    /** Variables the timeline does not repeat: the review reason is the eligibility step's, already told. */
    private static final Set<String> HIDDEN = Set.of("reviewReason");

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", Locale.US);

    /**
     * One step.
     *
     * @param at when
     * @param time when, in the pharmacy's time zone
     * @param what what happened
     * @param who who did it, or null
     * @param source where it is from: audit, review or process
     * @param link a page about it (Tasklist task, Cockpit instance), or null
     */
    record Entry(Instant at, String time, String what, String who, String source, String link) {
    }

    private final HistoryService history;
    private final ActivityFeed activity;
    private final ZoneId zone;

    OrderTimeline(HistoryService history, ActivityFeed activity,
            @Value("${pestle.time-zone:America/New_York}") ZoneId zone) {
        this.history = history;
        this.activity = activity;
        this.zone = zone;
    }

    List<Entry> of(Actor viewer, OrderView order) {
        List<Entry> entries = new ArrayList<>();
        for (ActivityFeed.Activity a : activity.ofOrder(viewer, order.id())) {
            entries.add(entry(a.at(), a.sentence(), null, "audit", a.link() != null && a.link().endsWith(
                    order.id().toString()) ? null : a.link()));
        }
        for (OrderView.Review review : order.reviews()) {
            String code = review.code() == null ? "" : ": " + words(review.code());
            switch (review.action()) {
                case "CLARIFICATION_REQUESTED" -> entries.add(entry(review.at(), "Question to the prescriber" + code,
                        review.actor(), "review", null));
                case "CLARIFICATION_ANSWERED" -> entries.add(entry(review.at(), "The prescriber answered" + code,
                        review.actor(), "review", null));
                default -> {
                    // approvals and rejections are the audit trail's sentences
                }
            }
        }
        boolean tasklist = viewer.roles().stream().anyMatch(r -> r == Role.PHARMACIST || r == Role.PHARMACY_TECHNICIAN
                || r == Role.PRESCRIBER || r == Role.PHARMACY_ADMIN);
        boolean cockpit = viewer.has(Role.PHARMACY_ADMIN) || viewer.has(Role.OPERATOR);
        String businessKey = String.valueOf(order.orderNumber());
        for (HistoricProcessInstance process : history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey).orderByProcessInstanceStartTime().asc().list()) {
            String name = process.getProcessDefinitionName() == null ? process.getProcessDefinitionKey()
                    : process.getProcessDefinitionName();
            entries.add(entry(process.getStartTime().toInstant(), name + " started", null, "process",
                    cockpit ? "/camunda/app/cockpit/#/process-instance/" + process.getId() : null));
            Map<String, List<String>> codes = codesByActivityInstance(process.getId(), order);
            for (HistoricActivityInstance step : history.createHistoricActivityInstanceQuery()
                    .processInstanceId(process.getId()).orderByHistoricActivityInstanceStartTime().asc().list()) {
                if (!STEPS.contains(step.getActivityType()) || step.getActivityName() == null) {
                    continue;
                }
                boolean task = "userTask".equals(step.getActivityType());
                if (step.getEndTime() == null) {
                    entries.add(entry(step.getStartTime().toInstant(), step.getActivityName() + (task ? ": waiting"
                            : ": in progress"), step.getAssignee(), "process",
                            task && tasklist && step.getTaskId() != null
                                    ? "/camunda/app/tasklist/#/?task=" + step.getTaskId() : null));
                } else if (!step.isCanceled()) {
                    List<String> set = codes.getOrDefault(step.getId(), List.of());
                    entries.add(entry(step.getEndTime().toInstant(), step.getActivityName() + (task ? ": done" : "")
                            + (set.isEmpty() ? "" : " (" + String.join("; ", set) + ")"),
                            task ? completedBy(step) : null, "process", null));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::at));
        return entries;
    }

    /**
     * The codes each step set (variables with short text or yes/no values; identifiers left out): the
     * eligibility result with the rules' reasons, a pharmacist's decision, the payment route, a billing
     * decision. Process variables hold identifiers and codes only, so nothing here is patient data.
     */
    private Map<String, List<String>> codesByActivityInstance(String processInstanceId, OrderView order) {
        Map<String, List<String>> codes = new HashMap<>();
        for (HistoricDetail detail : history.createHistoricDetailQuery().variableUpdates()
                .processInstanceId(processInstanceId).orderByTime().asc().list()) {
            if (!(detail instanceof HistoricVariableUpdate update) || update.getActivityInstanceId() == null) {
                continue;
            }
            String name = update.getVariableName();
            Object value = update.getValue();
            if (name.endsWith("Id") || name.endsWith("Number") || name.endsWith("By") || HIDDEN.contains(name)
                    || !(value instanceof String || value instanceof Boolean)
                    || String.valueOf(value).length() > 40 || String.valueOf(value).isBlank()) {
                continue;
            }
            String code = words(name) + ": " + value;
            if ("eligibility".equals(name)) {
                code += reasons(order);
            }
            List<String> list = codes.computeIfAbsent(update.getActivityInstanceId(), k -> new ArrayList<>());
            if (!list.contains(code)) {
                list.add(code);
                list.sort(Comparator.naturalOrder());
            }
        }
        return codes;
    }

    /** Who completed a user task: its assignee, else the user Camunda's operation log names for the completion. */
    private String completedBy(HistoricActivityInstance step) {
        if (step.getAssignee() != null || step.getTaskId() == null) {
            return step.getAssignee();
        }
        return history.createUserOperationLogQuery().taskId(step.getTaskId())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
                .map(UserOperationLogEntry::getUserId).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** The eligibility rules' reasons of the order's lines, as the order keeps them. */
    private static String reasons(OrderView order) {
        List<String> reasons = order.lines().stream().map(OrderView.Line::eligibilityReason)
                .filter(r -> r != null && !r.isBlank()).distinct().toList();
        return reasons.isEmpty() ? "" : " — " + String.join("; ", reasons);
    }

    private Entry entry(Instant at, String what, String who, String source, String link) {
        return new Entry(at, WHEN.format(at.atZone(zone)), what, who, source, link);
    }

    /** A code or a variable name in words: {@code CONFIRM_STRENGTH} as "confirm strength", {@code paymentRoute} as "payment route". */
    static String words(String code) {
        return code.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
