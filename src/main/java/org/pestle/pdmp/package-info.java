/** Reporting controlled-substance dispenses to the state's prescription drug monitoring program (PDMP): ASAP 4.2 files, zero reports, revisions and voids, over SFTP. */
package org.pestle.pdmp;
