package org.pestle.identity.internal.oidc;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.pestle.identity.internal.UserAccount;
import org.pestle.identity.internal.UserAccounts;
import org.pestle.identity.internal.signin.PestleUserDetails;
import org.pestle.identity.internal.signin.PestleUserDetailsService;
import org.pestle.identity.internal.signin.SignInFlow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Single sign-on onto Pestle's own users. The provider's ID token (its signature, issuer, audience and
 * nonce checked by Spring Security) must name an existing, enabled, unlocked Pestle user; nobody is
 * created. The user then goes on exactly as after a right password (the TOTP step), unless the
 * provider did a second factor and Pestle is told to trust it.
 */
@Component
public class OidcSignIn implements OAuth2UserService<OidcUserRequest, OidcUser>, AuthenticationSuccessHandler {

    private static final String REFUSED = "The account does not match an active Pestle user";

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

    private final UserAccounts accounts;
    private final PestleUserDetailsService users;
    private final SignInFlow signIn;
    private final OidcSettings settings;

    OidcSignIn(UserAccounts accounts, PestleUserDetailsService users, SignInFlow signIn, OidcSettings settings) {
        this.accounts = accounts;
        this.users = users;
        this.signIn = signIn;
        this.settings = settings;
    }

    /** The Pestle user the ID token names, or a refusal that counts towards that user's lockout. */
    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcIdToken idToken = request.getIdToken();
        String username = idToken.getClaimAsString(settings.usernameClaim());
        if (username == null || username.isBlank()) {
            throw refused("no " + settings.usernameClaim() + " claim");
        }
        Optional<UserAccount> account = accounts.findByUsernameIgnoringCase(username);
        if (account.isEmpty() || !account.get().enabled()) {
            signIn.failed(account.map(UserAccount::username).orElse(username), "SINGLE_SIGN_ON", null);
            throw refused(account.isEmpty() ? "unknown user" : "disabled user");
        }
        PestleUserDetails user = users.details(account.get());
        if (!user.isAccountNonLocked()) {
            throw refused("locked user");
        }
        return new PestleOidcUser(user, idToken, settings.usernameClaim());
    }

    /** The provider vouched for a Pestle user: on to the second factor, as after a right password. */
    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        PestleOidcUser oidcUser = (PestleOidcUser) authentication.getPrincipal();
        PestleUserDetails user = oidcUser.user();
        if (settings.trustProviderMfa() && providerDidSecondFactor(oidcUser.getIdToken())) {
            signIn.complete(request, response, user);
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        signIn.onAuthenticationSuccess(request, response,
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    boolean providerDidSecondFactor(OidcIdToken idToken) {
        List<String> methods = idToken.getAuthenticationMethods();
        return methods != null && methods.stream().anyMatch(settings.secondFactorMethods()::contains);
    }

    private static OAuth2AuthenticationException refused(String reason) {
        // The reason is for the log (no names); the login page shows "Invalid credentials" for every refusal.
        log.info("Single sign-on refused: {}", reason);
        return new OAuth2AuthenticationException(new OAuth2Error("pestle_user_refused", REFUSED, null), REFUSED);
    }
}
