package org.pestle.pdmp.internal;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * A run of processes/pdmp-reporting.bpmn on demand (a missed day after an outage, the walk-through): an
 * instance started at Task_WriteReport with the reporting day, as the daily timer starts one with the day
 * before.
 */
@Component
class ReportingRuns {

    private final RuntimeService runtime;

    ReportingRuns(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Starts a run for the day; the process instance id. */
    String start(LocalDate day) {
        return runtime.createProcessInstanceByKey(ReportingProcess.PROCESS_KEY).startBeforeActivity("Task_WriteReport")
                .setVariables(Map.of(ReportingProcess.REPORTING_DAY, day.toString())).execute().getId();
    }
}
