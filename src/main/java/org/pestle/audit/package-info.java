/**
 * The audit trail: append-only, hash-chained records of every sensitive action, their verification and
 * retention, search, export and the per-patient report (API and console), and the activity feed.
 */
package org.pestle.audit;
