/**
 * Who the pharmacy serves: organizations (clinic groups), their clinics with the clinic's ordering
 * settings, and the prescribers who practice there.
 */
package org.pestle.tenancy;
