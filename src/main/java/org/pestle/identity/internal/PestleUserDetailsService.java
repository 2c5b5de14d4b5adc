package org.pestle.identity.internal;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads users for Spring Security's login and re-hashes older password hashes after a successful login. */
@Service
class PestleUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final UserAccounts accounts;

    PestleUserDetailsService(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(username).map(PestleUserDetails::new)
                .orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
    }

    @Override
    public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
        accounts.updatePasswordHash(user.getUsername(), newPasswordHash);
        return loadUserByUsername(user.getUsername());
    }
}
