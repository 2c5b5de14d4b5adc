package org.pestle.identity.internal.signin;

import java.util.Collection;

import org.pestle.identity.Actor;
import org.pestle.identity.Role;
import org.pestle.identity.internal.UserAccount;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The Spring Security principal of a Pestle user. */
public final class PestleUserDetails implements UserDetails, CredentialsContainer {

    private final Actor actor;
    private final boolean enabled;
    private final boolean locked;
    private final boolean mfaEnrolled;
    private final long securityStamp;
    private String passwordHash;

    public PestleUserDetails(UserAccount account, boolean locked) {
        this.actor = account.actor();
        this.enabled = account.enabled();
        this.locked = locked;
        this.mfaEnrolled = account.mfaEnrolled();
        this.securityStamp = account.securityStamp();
        this.passwordHash = account.passwordHash();
    }

    public Actor actor() {
        return actor;
    }

    public boolean mfaEnrolled() {
        return mfaEnrolled;
    }

    long securityStamp() {
        return securityStamp;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return actor.roles().stream().map(Role::authority).map(SimpleGrantedAuthority::new).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return actor.username();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "PestleUserDetails[" + actor.username() + "]";
    }
}
