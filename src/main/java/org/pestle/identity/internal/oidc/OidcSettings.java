package org.pestle.identity.internal.oidc;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Optional single sign-on through an OpenID Connect provider ({@code pestle.oidc.*}). The provider
 * itself is the standard Spring client registration {@code pestle}
 * ({@code spring.security.oauth2.client.registration.pestle.*}, {@code provider.pestle.issuer-uri}).
 *
 * @param enabled offer "Sign in with ..." on the login page; off by default
 * @param usernameClaim the ID token claim that names the Pestle user (matched ignoring case)
 * @param trustProviderMfa skip Pestle's own TOTP step when the ID token's {@code amr} claim shows that
 *        the provider already asked for a second factor; off by default
 * @param secondFactorMethods the {@code amr} values (RFC 8176) that count as a second factor
 */
@ConfigurationProperties("pestle.oidc")
public record OidcSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("preferred_username") String usernameClaim,
        @DefaultValue("false") boolean trustProviderMfa,
        @DefaultValue({"otp", "mfa", "hwk", "swk"}) Set<String> secondFactorMethods) {
}
