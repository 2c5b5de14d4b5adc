package org.pestle.identity.internal;

import java.util.Collection;
import java.util.List;

import org.pestle.identity.Actor;
import org.pestle.identity.Role;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The Spring Security principal of a Pestle user. */
public final class PestleUserDetails implements UserDetails, CredentialsContainer {

    private final Actor actor;
    private final boolean enabled;
    private String passwordHash;

    PestleUserDetails(UserAccount account) {
        this.actor = account.actor();
        this.enabled = account.enabled();
        this.passwordHash = account.passwordHash();
    }

    public Actor actor() {
        return actor;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<SimpleGrantedAuthority> authorities = actor.roles().stream().map(Role::authority)
                .map(SimpleGrantedAuthority::new).toList();
        return authorities;
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
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "PestleUserDetails[" + actor.username() + "]";
    }
}
