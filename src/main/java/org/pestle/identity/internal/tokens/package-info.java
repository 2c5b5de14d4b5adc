/** Personal API tokens for /api and /engine-rest: the store, the bearer filter, the tokens page. */
package org.pestle.identity.internal.tokens;
