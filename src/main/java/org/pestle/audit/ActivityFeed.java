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
}
