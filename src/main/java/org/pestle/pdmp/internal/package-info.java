/**
 * The workings of PDMP reporting: settings, the encrypted files and records, collecting and writing a day's
 * file, the SFTP client and the in-process SFTP target, the adapters of processes/pdmp-reporting.bpmn, the API.
 */
package org.pestle.pdmp.internal;
