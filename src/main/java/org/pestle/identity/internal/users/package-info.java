/** User administration: accounts and roles, prescribers' logins, invites. */
package org.pestle.identity.internal.users;
