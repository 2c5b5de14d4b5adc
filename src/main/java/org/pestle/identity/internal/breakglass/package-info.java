/** Break-glass: time-boxed access to another clinic's data, processes/elevated-access.bpmn, the privacy review. */
package org.pestle.identity.internal.breakglass;
