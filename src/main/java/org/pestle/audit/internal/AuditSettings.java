package org.pestle.audit.internal;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the audit trail keeps its records ({@code pestle.audit.*}). Independent of Camunda's history
 * time-to-live, which only governs Camunda's own ACT_HI tables.
 *
 * @param retentionYears records older than this many years are removed from the start of the chain;
 *        at least six (the application refuses to start with less, and the database refuses to remove
 *        anything younger than six years whatever this says)
 * @param pruneCron when the removal runs (a Spring cron expression); "-" never
 * @param sealIntervalMillis how often {@link AuditSealer} links committed records into the chain; 0 or
 *        less: this instance does not seal (another one must)
 */
@Validated
@ConfigurationProperties("pestle.audit")
record AuditSettings(
        @DefaultValue("7") @Min(value = 6, message = "audit records are kept at least six years") int retentionYears,
        @DefaultValue("0 30 3 * * *") String pruneCron,
        @DefaultValue("200") long sealIntervalMillis) {
}
