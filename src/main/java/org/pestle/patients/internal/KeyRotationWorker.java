package org.pestle.patients.internal;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.pestle.patients.internal.KeyRotation.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Carries a running key rotation forward in the background, batch by batch, on one thread of its
 * own. It polls, so a rotation left behind by a crash or a restart (this instance's or another's)
 * is resumed once its lease has run out.
 */
@Component
class KeyRotationWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KeyRotationWorker.class);
    private static final long PROGRESS_LOG_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final KeyRotation rotation;
    private final PatientsProperties.Rotation settings;
    private final String id;
    private volatile ScheduledExecutorService executor;

    KeyRotationWorker(KeyRotation rotation, PatientsProperties properties) {
        this.rotation = rotation;
        this.settings = properties.rotation();
        this.id = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This worker's name in the rotation's lease. */
    String id() {
        return id;
    }

    /** Looks for work now instead of at the next poll. */
    void wake() {
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.execute(this::drain);
        }
    }

    /** Runs batches until the rotation is finished, held by another worker, or there is none. */
    void drain() {
        long lastLog = System.nanoTime();
        int batches = 0;
        try {
            Outcome outcome;
            do {
                outcome = rotation.runBatch(id, settings.lease(), settings.batchSize());
                batches++;
                if (outcome == Outcome.PROGRESS && System.nanoTime() - lastLog > PROGRESS_LOG_NANOS) {
                    KeyRotation.Progress progress = rotation.status().latestRotation();
                    log.info("Patient key rotation {}: {} of {} rows re-encrypted, pass {}", progress.id(),
                            progress.rowsRewritten(), progress.rowsTotal(), progress.passes());
                    lastLog = System.nanoTime();
                }
            } while (outcome == Outcome.PROGRESS && isRunning());
        } catch (RuntimeException e) {
            log.warn("Patient key rotation batch failed after {} batches; retrying at the next poll", batches, e);
        }
    }

    @Override
    public void start() {
        if (!settings.workerEnabled()) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "patient-key-rotation");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.pollInterval().toMillis();
        started.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
