package org.pestle.identity.internal.breakglass;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Adapter to processes/elevated-access.bpmn (business key: the grant id). */
@Component
class ElevatedAccessProcess {

    static final String PROCESS_KEY = "Process_ElevatedAccess";
    static final String GRANT_ID = "grantId";

    private final RuntimeService runtime;

    ElevatedAccessProcess(RuntimeService runtime) {
        this.runtime = runtime;
    }

    void start(UUID grantId, String requester, Duration duration) {
        runtime.startProcessInstanceByKey(PROCESS_KEY, grantId.toString(), Map.of(GRANT_ID, grantId.toString(),
                "requester", requester, "accessDuration", duration.toString()));
    }

    /** The user ends their access before its time. */
    void endEarly(UUID grantId) {
        runtime.createMessageCorrelation("ElevatedAccessEnded").processInstanceBusinessKey(grantId.toString())
                .correlate();
    }
}
