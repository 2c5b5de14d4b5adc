/** Adapters to processes/payment.bpmn: its variables and messages, delegates, the billing task's listener, end events. */
package org.pestle.payments.internal.process;
