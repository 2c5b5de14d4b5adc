/**
 * The controlled-substance record: the perpetual inventory with its running balance, reconciliations
 * against a physical count and the investigation of a variance, the biennial inventory, and
 * destruction with a witness.
 */
package org.pestle.inventory.internal.controlled;
