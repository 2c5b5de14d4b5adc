/** Camunda's view of Pestle's users: identity provider plugin, authorizations, refusals, task returns. */
package org.pestle.identity.internal.camunda;
