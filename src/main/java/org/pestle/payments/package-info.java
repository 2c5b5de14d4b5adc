/** Payment of approved orders: routing (DMN), patient self-pay through Stripe Checkout and a texted pay link, clinic card or monthly invoice, signed webhooks, refunds. */
package org.pestle.payments;
