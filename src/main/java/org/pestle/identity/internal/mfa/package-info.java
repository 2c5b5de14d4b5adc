/** The second factor: TOTP enrollment with recovery codes, and a code at every sign-in. */
package org.pestle.identity.internal.mfa;
