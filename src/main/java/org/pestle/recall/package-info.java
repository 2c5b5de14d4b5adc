/** Drug recalls: an openFDA enforcement record parsed into NDCs and lots, matched to stock and dispenses, and followed to every patient. */
package org.pestle.recall;
