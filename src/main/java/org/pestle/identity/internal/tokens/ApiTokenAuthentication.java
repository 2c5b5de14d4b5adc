package org.pestle.identity.internal.tokens;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.pestle.identity.internal.UserAccount;
import org.pestle.identity.internal.UserAccounts;
import org.pestle.identity.internal.signin.PestleUserDetails;
import org.pestle.identity.internal.signin.PestleUserDetailsService;
import org.pestle.identity.internal.signin.SignInFlow;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates /api and /engine-rest requests by {@code Authorization: Bearer <token>}; the user
 * is loaded afresh on every request, so a disabled or locked user's tokens stop working at once.
 */
public class ApiTokenAuthentication extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final UserAccounts accounts;
    private final PestleUserDetailsService users;

    public ApiTokenAuthentication(ApiTokens tokens, UserAccounts accounts, PestleUserDetailsService users) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            tokens.userOf(header.substring(7).strip()).flatMap(accounts::findById)
                    .filter(UserAccount::enabled)
                    .map(users::details)
                    .filter(PestleUserDetails::isAccountNonLocked)
                    .ifPresent(user -> {
                        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
                        authorities.add(new SimpleGrantedAuthority(SignInFlow.SIGNED_IN));
                        SecurityContextHolder.getContext().setAuthentication(
                                UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
                    });
        }
        chain.doFilter(request, response);
    }
}
