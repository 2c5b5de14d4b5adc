package org.pestle.console.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.pestle.rules.PlainWords;
import org.pestle.rules.RuleTables.Column;
import org.pestle.rules.RuleTables.Rule;
import org.pestle.rules.RuleTables.Table;
import org.pestle.tenancy.ClinicSettings;

/** {@link PlainWords} for the page templates ({@code ${words.condition(cell)}}). */
public final class Words {

    static final Words INSTANCE = new Words();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Words() {
    }

    public String condition(String cell) {
        return PlainWords.condition(cell);
    }

    public String value(String cell) {
        return PlainWords.value(cell);
    }

    public String rule(Table table, Rule rule) {
        return PlainWords.rule(table, rule);
    }

    public String hitPolicy(String hitPolicy) {
        return PlainWords.hitPolicy(hitPolicy);
    }

    /** A moment as "2026-11-22 19:55 UTC". */
    public String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    /** Clinic settings in words: "approved compounds only; self-pay enabled; clinic pays: when applicable; ...". */
    public String settings(ClinicSettings settings) {
        return (settings.approvedCompoundsOnly() ? "approved compounds only" : "any catalog item")
                + "; patient self-pay " + (settings.patientSelfPayEnabled() ? "enabled" : "disabled")
                + "; clinic-pay automation " + settings.clinicPayAutomation().name().toLowerCase().replace('_', ' ')
                + "; refill reminders " + settings.refillReminderLeadDays() + " days ahead"
                + (settings.returnToStockDays() > 0 ? "; unclaimed orders returned to stock after "
                        + settings.returnToStockDays() + " days" : "");
    }

    public String label(Column column) {
        return PlainWords.label(column);
    }
}
