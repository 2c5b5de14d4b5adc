/**
 * The patient's page: reached by a signed, expiring link and a date-of-birth check, it shows one
 * patient their own prescriptions, in that patient's data scope.
 */
package org.pestle.portal;
