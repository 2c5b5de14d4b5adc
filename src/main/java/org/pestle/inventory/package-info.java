/** The pharmacy's stock: items by NDC, lots with expiry and quarantine, and the append-only ledger their quantities come from. */
package org.pestle.inventory;
