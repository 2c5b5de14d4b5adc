package org.pestle.audit;

import java.time.Instant;
import java.util.List;

import org.pestle.identity.Actor;

/**
 * The activity feed: recent actions as sentences ("14:23 Dr. Reyes approved order #2847"), each
 * viewer seeing only the actions, names and amounts the permission matrix lets their roles see.
 */
public interface ActivityFeed {

    /**
     * One line of the feed.
     *
     * @param seq the audit record it tells of
     * @param at when it happened
     * @param time when it happened, in the pharmacy's time zone ("14:23", or "Nov 21, 14:23" before today)
     * @param sentence what happened
     * @param link a page about it, or null
     */
    record Activity(long seq, Instant at, String time, String sentence, String link) {
    }

    /** The latest activity the viewer may see, newest first; patient names shown are recorded as reads. */
    List<Activity> recent(Actor viewer, int limit);

    /** The kinds of activity the start page filters by. */
    enum Kind {
        /** Orders, their steps and patients' records. */
        ORDERS,
        /** Payments: captured, invoiced, failed, refunded. */
        PAYMENTS,
        /** The permission matrix, decision tables and clinic settings. */
        PERMISSIONS_AND_RULES,
        /** Users' access, emergency access, locked accounts and exports. */
        ACCESS_AND_SECURITY
    }

    /**
     * The activity the viewer may see within the last {@code window} (by the audit trail's clock, the
     * database's), newest first, of one kind or of every kind (null).
     *
     * @param limit at most this many (capped at 100)
     */
    List<Activity> within(Actor viewer, java.time.Duration window, Kind kind, int limit);

    /**
     * Everything the audit trail tells of one order that the viewer may see, oldest first: its
     * submission, decisions, payments (failed ones included), compounding, checks, pickup.
     */
    List<Activity> ofOrder(Actor viewer, java.util.UUID orderId);
}
