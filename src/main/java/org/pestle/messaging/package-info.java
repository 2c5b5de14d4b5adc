/** Text messages to patients: an outbox sent through Twilio, delivery status, consent (STOP, START, HELP) and quiet hours. */
package org.pestle.messaging;
