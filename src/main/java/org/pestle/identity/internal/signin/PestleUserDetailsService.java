package org.pestle.identity.internal.signin;

import java.time.Clock;

import org.pestle.identity.internal.UserAccount;
import org.pestle.identity.internal.UserAccounts;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads users for Spring Security's login and re-hashes older password hashes after a successful login. */
@Service
public class PestleUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final UserAccounts accounts;
    private final Clock clock;

    PestleUserDetailsService(UserAccounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(username).map(this::details)
                .orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
    }

    public PestleUserDetails details(UserAccount account) {
        return new PestleUserDetails(account, account.lockedAt(clock.instant()));
    }

    @Override
    public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
        accounts.updatePasswordHash(user.getUsername(), newPasswordHash);
        return loadUserByUsername(user.getUsername());
    }
}
