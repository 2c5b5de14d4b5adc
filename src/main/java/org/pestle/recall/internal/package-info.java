/** The recall's preview, confirmation, process adapters, per-patient contact and effectiveness report. */
package org.pestle.recall.internal;
