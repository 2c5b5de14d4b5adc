/** Payments on the web: the order's payment and clinic statements in the API, the patient's pay link. */
package org.pestle.payments.internal.web;
