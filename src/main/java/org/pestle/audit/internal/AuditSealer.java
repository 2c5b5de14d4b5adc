package org.pestle.audit.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Links committed audit records into the chain: every {@link AuditSettings#sealIntervalMillis()} one
 * thread of this instance calls the database's {@code audit_seal()}, which seals in seq order up to
 * the horizon taken on the call before, once every transaction that could still hold a number up to
 * it has ended (so a record that commits late is never skipped). An advisory lock in the database
 * lets one instance seal at a time; the others' calls return at once. A record is therefore sealed
 * one to two intervals after its transaction commits (longer while an older audited transaction is
 * still open).
 */
@Component
class AuditSealer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

    private final JdbcClient jdbc;
    private final AuditSettings settings;
    private volatile ScheduledExecutorService executor;

    AuditSealer(JdbcClient jdbc, AuditSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /**
     * One sealing step (its own transaction).
     *
     * @return how many records it sealed
     */
    long sealOnce() {
        return jdbc.sql("select audit_seal()").query(Long.class).single();
    }

    private void tick() {
        try {
            sealOnce();
        } catch (RuntimeException e) {
            log.warn("Sealing audit records failed; the next interval tries again: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        if (settings.sealIntervalMillis() <= 0) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "audit-sealer");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::tick, settings.sealIntervalMillis(), settings.sealIntervalMillis(),
                TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
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
