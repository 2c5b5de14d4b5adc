package org.pestle.identity.internal.signin;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A user whose password was right but who has not given the second factor yet. It reaches only
 * the MFA pages: no data scope, no Camunda webapp, no API.
 */
public final class MfaPendingAuthentication extends AbstractAuthenticationToken {

    static final String AUTHORITY = "MFA_PENDING";

    private final PestleUserDetails user;

    MfaPendingAuthentication(PestleUserDetails user) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.user = user;
        setAuthenticated(true);
    }

    public PestleUserDetails user() {
        return user;
    }

    @Override
    public Object getPrincipal() {
        return user.getUsername();
    }

    @Override
    public Object getCredentials() {
        return null;
    }
}
