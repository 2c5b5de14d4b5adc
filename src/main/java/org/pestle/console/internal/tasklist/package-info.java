/** The Tasklist room: every user task named from its definition key and its order (number, clinic, schedule), due dates, the review reason. */
package org.pestle.console.internal.tasklist;
