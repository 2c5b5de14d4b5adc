/** Sign-in and sessions: the security filter chains, the password step, lockout, throttling, session limits. */
package org.pestle.identity.internal.signin;
