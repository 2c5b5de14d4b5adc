package org.pestle.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pestle.support.Authenticator;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.TestUsers;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on through an OpenID Connect provider, onto Pestle's own users and followed by
 * Pestle's TOTP step. The provider is a local stand-in (discovery, keys, token endpoint) whose ID
 * tokens are signed with a key made here; the authorization-code flow runs through the real
 * application. OIDC is on in this class's own application context only.
 */
@IntegrationTest
class SingleSignOnIntegrationTests {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    private static final String CLIENT_ID = "pestle";
    private static final RSAKey KEY = rsaKey("provider-key");
    private static final WireMockServer PROVIDER = provider();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProcessEngine engine;

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry properties) {
        properties.add("pestle.oidc.enabled", () -> "true");
        properties.add("spring.security.oauth2.client.registration.pestle.client-id", () -> CLIENT_ID);
        properties.add("spring.security.oauth2.client.registration.pestle.client-secret", () -> "stand-in-secret");
        properties.add("spring.security.oauth2.client.registration.pestle.client-name", () -> "Test Provider");
        properties.add("spring.security.oauth2.client.registration.pestle.scope", () -> "openid");
        properties.add("spring.security.oauth2.client.provider.pestle.issuer-uri", PROVIDER::baseUrl);
        // This class has an application context of its own beside the shared one, which stays open in the
        // context cache (closing it disturbs the Camunda webapps' static state in the shared context). So that
        // it leaves the shared context's tests alone: its engine has a name of its own and leaves Camunda's
        // engine registry after each test (camunda-bpm-assert wants one engine there), and it runs no jobs
        // and no key rotation worker.
        properties.add("camunda.bpm.process-engine-name", () -> "oidctests");
        properties.add("camunda.bpm.job-execution.enabled", () -> "false");
        properties.add("pestle.patients.rotation.worker-enabled", () -> "false");
    }

    @AfterEach
    void leaveCamundasEngineRegistry() {
        ProcessEngines.unregister(engine);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @Test
    void theLoginPageOffersSignInWithTheProvider() {
        String page = new WebSession(port, clock).get("/login").body();

        assertThat(page).contains("/oauth2/authorization/pestle").contains("Test Provider")
                .contains("name=\"password\"");
    }

    @Test
    void aKnownUserGoesOnToTheCodeStepAndIsSignedInWithTheCode() {
        String user = users.clinicStaff(SECRET);
        WebSession browser = new WebSession(port, clock);

        HttpResponse<String> callback = signInAtProvider(browser, idToken(user.toUpperCase(), List.of("pwd")));

        assertThat(location(callback)).endsWith("/mfa");
        assertThat(location(browser.get("/"))).endsWith("/mfa");
        assertThat(location(browser.code(Authenticator.nextCode(SECRET, clock)))).endsWith("/");
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        PROVIDER.verify(postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void aSecondFactorAtTheProviderIsNotTrustedUnlessConfigured() {
        String user = users.clinicStaff(SECRET);
        WebSession browser = new WebSession(port, clock);

        HttpResponse<String> callback = signInAtProvider(browser, idToken(user, List.of("pwd", "otp")));

        assertThat(location(callback)).endsWith("/mfa");
    }

    @Test
    void aUserNotEnrolledInTotpIsSentToEnrollment() {
        String user = users.clinicStaff(null);
        WebSession browser = new WebSession(port, clock);

        assertThat(location(signInAtProvider(browser, idToken(user, List.of("pwd"))))).endsWith("/mfa/enroll");
    }

    @Test
    void anUnknownUserIsRefusedAndNoUserIsCreated() {
        String unknown = "nobody." + UUID.randomUUID().toString().substring(0, 8);
        WebSession browser = new WebSession(port, clock);

        HttpResponse<String> callback = signInAtProvider(browser, idToken(unknown, List.of("pwd")));

        assertRefused(browser, callback);
        // The page does not tell an unknown user from a disabled one.
        assertThat(browser.get("/login?error").body()).contains("Invalid credentials");
        assertThat(jdbc.sql("select count(*) from app_user where lower(username) = ?").param(unknown)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aDisabledUserIsRefusedAndTheAttemptCountsTowardsTheLockout() {
        String user = users.clinicStaff(SECRET);
        jdbc.sql("update app_user set enabled = false where username = ?").param(user).update();
        WebSession browser = new WebSession(port, clock);

        HttpResponse<String> callback = signInAtProvider(browser, idToken(user, List.of("pwd")));

        assertRefused(browser, callback);
        assertThat(jdbc.sql("select failed_attempts from app_user where username = ?").param(user)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aLockedUserIsRefused() {
        String user = users.clinicStaff(SECRET);
        jdbc.sql("update app_user set locked_until = ? where username = ?")
                .params(java.sql.Timestamp.from(clock.instant().plusSeconds(3600)), user).update();
        WebSession browser = new WebSession(port, clock);

        assertRefused(browser, signInAtProvider(browser, idToken(user, List.of("pwd"))));
    }

    @Test
    void anIdTokenWithABadSignatureIsRefused() {
        String user = users.clinicStaff(SECRET);
        WebSession browser = new WebSession(port, clock);

        // Signed by another key under the provider's key id: the signature does not verify.
        HttpResponse<String> callback = signInAtProvider(browser,
                nonce -> sign(claims(user, List.of("pwd"), nonce), rsaKey("provider-key")));

        assertRefused(browser, callback);
        assertThat(jdbc.sql("select failed_attempts from app_user where username = ?").param(user)
                .query(Integer.class).single()).isZero();
    }

    /**
     * The browser's round trip: the app sends it to the provider's authorize endpoint; the provider
     * (here, this method) sends it back to the app's callback with a code, which the app redeems at
     * the provider's token endpoint for the ID token.
     */
    private HttpResponse<String> signInAtProvider(WebSession browser, IdToken idToken) {
        HttpResponse<String> start = browser.get("/oauth2/authorization/pestle");
        URI authorize = URI.create(location(start));
        assertThat(authorize.toString()).startsWith(PROVIDER.baseUrl() + "/authorize");
        Map<String, String> query = query(authorize);
        assertThat(query).containsEntry("client_id", CLIENT_ID).containsEntry("response_type", "code");
        String code = "code-" + UUID.randomUUID();
        PROVIDER.stubFor(post("/token").withRequestBody(containing("code=" + code)).willReturn(okJson("""
                {"access_token": "access-%s", "token_type": "Bearer", "expires_in": 300, "scope": "openid",
                 "id_token": "%s"}""".formatted(code, idToken.forNonce(query.get("nonce"))))));
        URI callback = URI.create(query.get("redirect_uri"));
        return browser.get(callback.getPath() + "?code=" + code + "&state=" + query.get("state"));
    }

    private static void assertRefused(WebSession browser, HttpResponse<String> callback) {
        assertThat(location(callback)).endsWith("/login?error");
        assertThat(location(browser.get("/"))).endsWith("/login");
    }

    private IdToken idToken(String username, List<String> amr) {
        return nonce -> sign(claims(username, amr, nonce), KEY);
    }

    private static JWTClaimsSet claims(String username, List<String> amr, String nonce) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(PROVIDER.baseUrl()).subject(UUID.randomUUID().toString())
                .audience(CLIENT_ID).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", nonce).claim("preferred_username", username).claim("amr", amr).build();
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0],
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    private static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stand-in provider: discovery document and signing keys; token answers are stubbed per sign-in. */
    private static WireMockServer provider() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        String base = server.baseUrl();
        server.stubFor(get("/.well-known/openid-configuration").willReturn(okJson("""
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/jwks", "response_types_supported": ["code"],
                 "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"]}"""
                .formatted(base))));
        server.stubFor(get("/jwks").willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
        return server;
    }

    @FunctionalInterface
    private interface IdToken {
        String forNonce(String nonce);
    }
}
