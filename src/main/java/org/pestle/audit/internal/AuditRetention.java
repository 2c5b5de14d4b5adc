package org.pestle.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.platform.DataScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes audit records older than the retention ({@link AuditSettings#retentionYears()}, at least six
 * years) from the start of the chain, through the database's {@code audit_prune}, which keeps an anchor
 * so the rest of the chain still verifies. The removal is itself recorded.
 */
@Service
class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final AuditRecords audit;
    private final AuditSettings settings;
    private final Clock clock;

    AuditRetention(JdbcClient jdbc, DataScope dataScope, AuditRecords audit, AuditSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(cron = "${pestle.audit.prune-cron:0 30 3 * * *}", zone = "${pestle.time-zone:America/New_York}")
    void pruneOnSchedule() {
        pruneBefore(cutoff());
    }

    /** The time before which records are past their retention. */
    Instant cutoff() {
        return clock.instant().atOffset(ZoneOffset.UTC).minusYears(settings.retentionYears()).toInstant();
    }

    /**
     * Removes the records written before the cutoff.
     *
     * @return how many were removed
     * @throws org.springframework.dao.DataAccessException when the cutoff is inside six years
     */
    @Transactional
    long pruneBefore(Instant cutoff) {
        dataScope.enterSystem("system:audit-retention");
        long removed = jdbc.sql("select audit_prune(?)").param(java.sql.Timestamp.from(cutoff))
                .query(Long.class).single();
        if (removed > 0) {
            audit.record(AuditEntry.of("system:audit-retention", "audit.pruned", "audit-chain", null)
                    .withDetails(Map.of("removed", removed, "before", cutoff.toString(),
                            "retentionYears", settings.retentionYears())));
            log.info("Removed {} audit records written before {} (retention {} years)", removed, cutoff,
                    settings.retentionYears());
        }
        return removed;
    }
}
