/** Pestle's user store (accounts, roles, clinic assignments) and a signed-in user's data scope, shared by the sub-packages. */
package org.pestle.identity.internal;
