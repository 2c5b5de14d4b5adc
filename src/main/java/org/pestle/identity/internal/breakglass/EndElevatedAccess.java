package org.pestle.identity.internal.breakglass;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_EndElevatedAccess: the grant is no longer in force. */
@Component("endElevatedAccess")
class EndElevatedAccess implements JavaDelegate {

    private final ElevatedAccessGrants grants;

    EndElevatedAccess(ElevatedAccessGrants grants) {
        this.grants = grants;
    }

    @Override
    public void execute(DelegateExecution execution) {
        grants.end(UUID.fromString((String) execution.getVariable(ElevatedAccessProcess.GRANT_ID)));
    }
}
