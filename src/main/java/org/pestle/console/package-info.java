/** Pestle's own pages: the start page after login and the order page pharmacists open from Tasklist. */
package org.pestle.console;
