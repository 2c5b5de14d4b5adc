/** Returns to the wholesaler: processes/return-to-wholesaler.bpmn, its steps in the ledger, credit or denial. */
package org.pestle.inventory.internal.returns;
