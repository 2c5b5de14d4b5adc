/** Compounding records, the pharmacist's final check and the dispense record of each order line, from the lots taken to the pickup. */
package org.pestle.dispensing;
