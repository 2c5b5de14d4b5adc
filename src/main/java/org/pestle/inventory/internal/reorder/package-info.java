/** Reorder: par levels and reorder points per item, the reorder list, purchase orders per wholesaler (CSV), receiving against them. */
package org.pestle.inventory.internal.reorder;
