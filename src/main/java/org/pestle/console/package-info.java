/** Pestle's own pages: the start page, the order page pharmacists open from Tasklist, the rules console and clinic settings. */
package org.pestle.console;
