/** Refill reminders: a reminder process per dispensed line, timed by DMN, answered by the patient by text or on the patient page, leading to a refill order, a renewal request or an adherence call. */
package org.pestle.refills;
