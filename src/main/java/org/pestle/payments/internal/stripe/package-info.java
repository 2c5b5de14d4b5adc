/** Stripe plumbing: the client, signed webhooks processed once per event, events kept until their process waits, the stand-in. */
package org.pestle.payments.internal.stripe;
