/** What the pharmacy compounds: the catalog of compounds, each clinic's approved list, the master formulation records, beyond-use dates and verification levels. */
package org.pestle.catalog;
