package org.pestle.identity.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pestle.identity.Role;
import org.pestle.identity.internal.UserAccount;
import org.pestle.identity.internal.signin.PestleUserDetails;
import org.pestle.identity.internal.signin.SignInFlow;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/** Whether Pestle's TOTP step follows a single sign-on: always, unless told to trust the provider's second factor. */
class OidcSignInTests {

    private static final Set<String> SECOND_FACTORS = Set.of("otp", "mfa", "hwk", "swk");

    private final SignInFlow signIn = mock(SignInFlow.class);
    private final PestleUserDetails user = new PestleUserDetails(new UserAccount(UUID.randomUUID(), "pharmacist",
            "Test", "User", "test@pharmacy.example", "hash", UUID.randomUUID(), true, Set.of(Role.PHARMACIST),
            Set.of(), null, 1, true), false);

    @Test
    void withoutTrustTheTotpStepFollowsEvenAfterTheProvidersSecondFactor() throws Exception {
        MockHttpServletResponse response = signInWith(false, List.of("pwd", "otp"));

        verify(signIn).onAuthenticationSuccess(any(), eq(response), any(UsernamePasswordAuthenticationToken.class));
        verify(signIn, never()).complete(any(), any(), any());
    }

    @Test
    void withTrustTheProvidersSecondFactorCompletesTheSignIn() throws Exception {
        MockHttpServletResponse response = signInWith(true, List.of("pwd", "hwk"));

        verify(signIn).complete(any(), eq(response), eq(user));
        verify(signIn, never()).onAuthenticationSuccess(any(), any(), any());
        assertThat(response.getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void withTrustAPasswordAloneAtTheProviderStillLeadsToTheTotpStep() throws Exception {
        MockHttpServletResponse response = signInWith(true, List.of("pwd"));

        verify(signIn).onAuthenticationSuccess(any(), eq(response), any(UsernamePasswordAuthenticationToken.class));
        verify(signIn, never()).complete(any(), any(), any());
    }

    @Test
    void withTrustAnIdTokenWithoutAmrStillLeadsToTheTotpStep() throws Exception {
        MockHttpServletResponse response = signInWith(true, null);

        verify(signIn).onAuthenticationSuccess(any(), eq(response), any(UsernamePasswordAuthenticationToken.class));
        verify(signIn, never()).complete(any(), any(), any());
    }

    private MockHttpServletResponse signInWith(boolean trustProviderMfa, List<String> amr) throws Exception {
        OidcSignIn oidc = new OidcSignIn(null, null, signIn,
                new OidcSettings(true, "preferred_username", trustProviderMfa, SECOND_FACTORS));
        Map<String, Object> claims = amr == null ? Map.of("sub", "s-1", "preferred_username", "pharmacist")
                : Map.of("sub", "s-1", "preferred_username", "pharmacist", "amr", amr);
        OidcIdToken idToken = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), claims);
        PestleOidcUser principal = new PestleOidcUser(user, idToken, "preferred_username");
        MockHttpServletResponse response = new MockHttpServletResponse();
        oidc.onAuthenticationSuccess(new MockHttpServletRequest(), response,
                new OAuth2AuthenticationToken(principal, principal.getAuthorities(), "pestle"));
        return response;
    }
}
