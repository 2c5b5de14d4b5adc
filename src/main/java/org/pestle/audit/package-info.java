/** The audit trail: append-only, hash-chained records of every sensitive action, and their verification. */
package org.pestle.audit;
