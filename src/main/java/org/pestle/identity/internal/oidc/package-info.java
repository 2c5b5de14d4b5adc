/** Optional single sign-on through an OpenID Connect provider, onto Pestle's own users. */
package org.pestle.identity.internal.oidc;
