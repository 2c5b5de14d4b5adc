package org.pestle.support;

import java.util.function.Supplier;

import org.pestle.platform.DataScope;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Database work in tests goes through transactions like the application's: row-level security
 * shows a transaction only its scope's rows. {@link #asSystem} inspects as background work does;
 * {@link #signIn} makes the test thread act as a demo user.
 */
@Component
public class Transactions {

    private final TransactionTemplate template;
    private final DataScope dataScope;
    private final UserDetailsService users;

    Transactions(PlatformTransactionManager transactionManager, DataScope dataScope, UserDetailsService users) {
        this.template = new TransactionTemplate(transactionManager);
        this.dataScope = dataScope;
        this.users = users;
    }

    /** Runs the work in a transaction in the system scope. */
    public <T> T asSystem(Supplier<T> work) {
        return template.execute(status -> {
            dataScope.enterSystem("system:test");
            return work.get();
        });
    }

    /** Runs work that returns nothing in a transaction in the system scope. */
    public void asSystem(Runnable work) {
        template.executeWithoutResult(status -> {
            dataScope.enterSystem("system:test");
            work.run();
        });
    }

    /** Runs the work in a transaction with the test thread's current scope. */
    public <T> T inTransaction(Supplier<T> work) {
        return template.execute(status -> work.get());
    }

    /** Makes the current thread act as this demo user (Spring Security context), as a signed-in request does. */
    public void signIn(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    public void signOut() {
        SecurityContextHolder.clearContext();
    }
}
