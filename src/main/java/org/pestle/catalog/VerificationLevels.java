package org.pestle.catalog;

import java.util.Collection;

/** The verification level of an order, by decisions/verification-level.dmn (the version in force). */
public interface VerificationLevels {

    /**
     * The level for an order whose lines are compounds of these DEA schedules (0: not controlled). The
     * table sees the order's most restrictive schedule ({@code controlledSchedule}: the lowest of 2 to 5
     * among the lines, 0 when no line is controlled).
     */
    VerificationLevel forSchedules(Collection<Integer> controlledSchedules);
}
