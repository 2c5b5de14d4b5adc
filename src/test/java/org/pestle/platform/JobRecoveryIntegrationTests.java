package org.pestle.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node that dies (kill -9, a redeploy) leaves the jobs it had acquired locked in the database under its
 * name. This test leaves such a job exactly as Camunda's acquisition does (lock owner and lock expiry of
 * {@code now + lockTimeInMillis}) for an owner that no longer runs, and measures how long the running node
 * takes to execute it with the shipped job executor settings (docs/engine-settings.md, "Job executor").
 */
@IntegrationTest
class JobRecoveryIntegrationTests {

    private static final String PROBE = "Process_JobRecoveryProbe";

    @Autowired
    ProcessEngine engine;

    @Autowired
    JdbcClient jdbc;

    String deploymentId;

    @BeforeEach
    void deployProbe() {
        // A timer an hour away: no node acquires its job until the test makes it due (and locked by the dead node).
        var probe = Bpmn.createExecutableProcess(PROBE).camundaHistoryTimeToLive(1).startEvent()
                .intermediateCatchEvent("Timer_Probe").timerWithDuration("PT1H").endEvent().done();
        deploymentId = engine.getRepositoryService().createDeployment().name("job-recovery-test")
                .addModelInstance(PROBE + ".bpmn", probe).deploy().getId();
    }

    @AfterEach
    void removeProbe() {
        engine.getRepositoryService().deleteDeployment(deploymentId, true);
    }

    @Test
    void aJobLockedByANodeThatDiedRunsWithinAMinute() {
        JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getJobExecutor();
        assertThat(executor.isActive()).isTrue();
        assertThat(executor.getLockTimeInMillis()).as("lock time of the shipped settings").isLessThanOrEqualTo(50_000);
        String instanceId = engine.getRuntimeService().startProcessInstanceByKey(PROBE).getId();

        int locked = jdbc.sql("""
                update act_ru_job set duedate_ = now(), lock_owner_ = 'node-killed-by-the-test',
                       lock_exp_time_ = now() + make_interval(secs => ?)
                where process_instance_id_ = ? and lock_owner_ is null""")
                .params(executor.getLockTimeInMillis() / 1000.0, instanceId).update();
        assertThat(locked).isEqualTo(1);
        long crashed = System.nanoTime();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId)
                        .count() == 0);

        Duration recovery = Duration.ofNanos(System.nanoTime() - crashed);
        System.out.printf("Job recovery after a node's death: %.1f s (lock time %d ms, max wait %d ms)%n",
                recovery.toMillis() / 1000.0, executor.getLockTimeInMillis(), executor.getMaxWait());
        assertThat(recovery).isGreaterThanOrEqualTo(Duration.ofMillis(executor.getLockTimeInMillis() - 1_000));
        List<String> ended = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(instanceId).completed().list().stream().map(i -> i.getId()).toList();
        assertThat(ended).containsExactly(instanceId);
    }
}
