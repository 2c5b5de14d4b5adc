/**
 * Orders from clinics: intake through the API (validated, idempotent), the order-fulfillment
 * process on Camunda, eligibility by the order-eligibility decision, and the pharmacist's
 * verification. The order decides each move of its status and raises the event of it.
 */
package org.pestle.ordering;
