package org.pestle.identity.internal.oidc;

import org.pestle.identity.internal.signin.PestleUserDetails;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** A provider's ID token that names a Pestle user, with that user. */
final class PestleOidcUser extends DefaultOidcUser {

    private final transient PestleUserDetails user;

    PestleOidcUser(PestleUserDetails user, OidcIdToken idToken, String usernameClaim) {
        super(user.getAuthorities(), idToken, usernameClaim);
        this.user = user;
    }

    PestleUserDetails user() {
        return user;
    }
}
