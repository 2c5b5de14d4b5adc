package org.pestle.identity.internal.signin;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.pestle.identity.AccountLocked;
import org.pestle.identity.internal.UserAccount;
import org.pestle.identity.internal.UserAccounts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Sign-in in two steps. A right password leads to the second factor (enrollment first, for a user
 * without an authenticator); only a valid code completes the sign-in with a new session id.
 * Failed passwords and codes count towards the lockout.
 */
@Component
public class SignInFlow implements AuthenticationSuccessHandler {

    /** The authority of a session that passed both factors. */
    public static final String SIGNED_IN = "MFA_VERIFIED";
    static final String SIGNED_IN_AT = "pestle.signedInAt";
    static final String LAST_SEEN = "pestle.lastSeen";
    static final String SECURITY_STAMP = "pestle.securityStamp";

    private final UserAccounts accounts;
    private final SecuritySettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignInFlow(UserAccounts accounts, SecuritySettings settings, Clock clock, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    /** The password was right: go on to the second factor. */
    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        PestleUserDetails user = (PestleUserDetails) authentication.getPrincipal();
        save(request, response, new MfaPendingAuthentication(user));
        response.sendRedirect(request.getContextPath() + (user.mfaEnrolled() ? "/mfa" : "/mfa/enroll"));
    }

    /** The second factor was right: the user is signed in. */
    public void complete(HttpServletRequest request, HttpServletResponse response, PestleUserDetails user) {
        accounts.recordSuccess(user.actor().userId());
        request.changeSessionId();
        UserAccount account = accounts.findById(user.actor().userId()).orElseThrow();
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authorities.add(new SimpleGrantedAuthority(SIGNED_IN));
        PestleUserDetails fresh = new PestleUserDetails(account, false);
        UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(fresh, null,
                authorities);
        signedIn.setDetails(new WebAuthenticationDetails(request)); // the client's address, e.g. for the sign-out's record
        save(request, response, signedIn);
        HttpSession session = request.getSession();
        session.setAttribute(SIGNED_IN_AT, clock.instant());
        session.setAttribute(LAST_SEEN, clock.instant());
        session.setAttribute(SECURITY_STAMP, account.securityStamp());
    }

    /**
     * A wrong password or code ({@code PASSWORD} or {@code MFA_CODE}): one step closer to the lockout;
     * the step that reaches it publishes {@link AccountLocked}.
     */
    public void failed(String username, String what, String sourceAddress) {
        Instant until = clock.instant().plus(settings.lockoutDuration());
        if (accounts.recordFailure(username, settings.maxFailedAttempts(), until)) {
            events.publishEvent(new AccountLocked(username, until, what, sourceAddress));
        }
    }

    @EventListener
    void onBadPassword(AuthenticationFailureBadCredentialsEvent event) {
        failed(event.getAuthentication().getName(), "PASSWORD",
                event.getAuthentication().getDetails() instanceof WebAuthenticationDetails web
                        ? web.getRemoteAddress() : null);
    }

    private void save(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
