/**
 * Orders from clinics: intake through the API (validated, idempotent), the order-fulfillment
 * process on Camunda, eligibility by the order-eligibility decision, and the pharmacist's
 * verification. Order status follows the process at every step.
 */
package org.pestle.ordering;
