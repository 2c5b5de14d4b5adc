/** What the pharmacy compounds: the catalog of compounds and each clinic's approved list. */
package org.pestle.catalog;
