/** The ASAP 4.2 file writer: segments, delimiters, lengths, counts and the zero report. */
package org.pestle.pdmp.internal.asap;
