/** Expiry: the daily list of lots expiring within the lead time, automatic quarantine of expired lots, the alert task. */
package org.pestle.inventory.internal.expiry;
