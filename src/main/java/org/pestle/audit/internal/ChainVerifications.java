package org.pestle.audit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.audit.ChainVerification;
import org.pestle.audit.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Verifications of the chain started from the console. A walk over a large trail takes minutes
 * (about 16,000 records/s, docs/audit.md), longer than a page request should, so it runs in the
 * background, one at a time; the page shows it running, then its result. Each verification is
 * recorded ({@code audit.verified}) under the user who started it, with what it found. The state is
 * this instance's (in memory): another instance, or a restart, knows only the records.
 */
@Service
class ChainVerifications {

    private static final Logger log = LoggerFactory.getLogger(ChainVerifications.class);

    /**
     * A verification, running or done.
     *
     * @param startedBy who started it
     * @param startedAt when
     * @param finishedAt when it ended; null while running
     * @param result what it found; null while running or when it failed
     */
    record Run(String startedBy, Instant startedAt, Instant finishedAt, ChainVerification result) {

        public boolean running() {
            return finishedAt == null;
        }

        public boolean failed() {
            return finishedAt != null && result == null;
        }
    }

    private final AuditRecords audit;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "audit-verify");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Run> latest = new AtomicReference<>();
    private volatile CompletableFuture<Run> current = CompletableFuture.completedFuture(null);

    ChainVerifications(AuditRecords audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Starts a verification unless one is running, and waits for it up to the given time (a small
     * trail is done by then).
     *
     * @return the verification started or already running, as it stands after the wait
     */
    synchronized Run start(String username, Duration wait) {
        Run running = latest.get();
        if (running == null || !running.running()) {
            Run started = new Run(username, clock.instant(), null, null);
            latest.set(started);
            current = CompletableFuture.supplyAsync(() -> walk(started), executor);
        }
        try {
            current.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // still walking: the page says so and looks again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // walk() records its own failure
        }
        return latest.get();
    }

    /** The latest verification of this instance, if any. */
    Optional<Run> latest() {
        return Optional.ofNullable(latest.get());
    }

    private Run walk(Run started) {
        Run done;
        try {
            ChainVerification result = audit.verify();
            done = new Run(started.startedBy(), started.startedAt(), clock.instant(), result);
            Map<String, Object> details = new TreeMap<>();
            details.put("intact", result.intact());
            details.put("recordsChecked", result.recordsChecked());
            details.put("sealedThroughSeq", result.sealedThroughSeq());
            details.put("awaitingSealing", result.awaitingSealing());
            if (!result.intact()) {
                details.put("firstBrokenSeq", result.firstBrokenSeq());
                details.put("problem", result.problem());
            }
            audit.record(AuditEntry.of(started.startedBy(), "audit.verified", "audit-chain", null)
                    .withOutcome(result.intact() ? Outcome.SUCCESS : Outcome.FAILED).withDetails(details));
        } catch (RuntimeException e) {
            log.error("The audit chain could not be verified", e);
            done = new Run(started.startedBy(), started.startedAt(), clock.instant(), null);
        }
        latest.set(done);
        return done;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
