/** Payments' domain and ledger: routing, self-pay checkout, clinic card and invoice, pay links, refunds, statements. */
package org.pestle.payments.internal;
