package org.pestle.identity.internal.signin;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.pestle.identity.internal.UserAccounts;
import org.pestle.identity.internal.oidc.OidcSettings;
import org.pestle.identity.internal.oidc.OidcSignIn;
import org.pestle.identity.internal.permissions.DeniedRequests;
import org.pestle.identity.internal.tokens.ApiTokenAuthentication;
import org.pestle.identity.internal.tokens.ApiTokens;
import org.pestle.platform.ApiProblem;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One login for everything. Spring Security authenticates; Camunda's container-based
 * authentication takes the user from the request (its principal is set by Spring Security) and
 * loads groups and tenants from Pestle's user store through {@link org.pestle.identity.internal.camunda.PestleIdentityProvider}.
 *
 * <ul>
 * <li>{@code /api/**} and {@code /engine-rest/**}: a personal API token on every request (created
 * after a sign-in with both factors, so no bare password reaches the API), no session and so no
 * cross-site request forgery through a browser's cookies; errors as problem+json.</li>
 * <li>Everything else (Pestle pages, Camunda webapps): password, then a TOTP code (enrollment on
 * first sign-in), then a session with idle and absolute limits that ends when the user's access
 * changes. Camunda's own login endpoint is closed; its logout button ends the Pestle session too.
 * Optionally ({@code pestle.oidc.enabled}) an OpenID Connect provider replaces the password step
 * ({@link OidcSignIn}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    @Bean
    PasswordEncoder passwordEncoder() {
        // Argon2id for every new hash; older bcrypt hashes still verify and are upgraded at the next login.
        return new DelegatingPasswordEncoder("argon2", Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }

    /**
     * A request the firewall refuses (a path with ";", "%25", "//" and the like): 400 as problem+json
     * for the APIs (Pestle's, Camunda's REST API and the webapps'), Pestle's error page otherwise; never Spring Boot's default body, which repeats the
     * path, and a path may hold anything a client put there (PatientDataCanaryIntegrationTests).
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return (request, response, e) -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/")) {
                problem(json, response, HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                        "The request's URL is not accepted");
            } else {
                response.sendError(HttpStatus.BAD_REQUEST.value());
            }
        };
    }

    /**
     * Called by Stripe and Twilio or opened by a patient from a text, never by a signed-in user: no
     * login and no session, but every endpoint here checks a signature (Stripe-Signature,
     * X-Twilio-Signature, the pay link's token) or is the embedded default's provider stand-in.
     */
    @Bean
    @Order(0)
    SecurityFilterChain signedRequests(HttpSecurity http) throws Exception {
        http.securityMatcher(new OrRequestMatcher(PATHS.matcher("/webhooks/**"), PATHS.matcher("/pay/**"),
                        PATHS.matcher("/stand-ins/stripe/**"), PATHS.matcher("/stand-ins/twilio/**")))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(
                        new RequestAttributeSecurityContextRepository()));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json, ApiTokens tokens, UserAccounts accounts,
            PestleUserDetailsService users, ApplicationEventPublisher events) throws Exception {
        http.securityMatcher(new OrRequestMatcher(PATHS.matcher("/api/**"), PATHS.matcher("/engine-rest/**")))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(SignInFlow.SIGNED_IN))
                .addFilterBefore(new ApiTokenAuthentication(tokens, accounts, users),
                        AnonymousAuthenticationFilter.class)
                .addFilterBefore(new DeniedRequests(events), ExceptionTranslationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problem(json, response,
                                HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                                "Send a valid API token: Authorization: Bearer <token>"))
                        .accessDeniedHandler((request, response, e) -> problem(json, response, HttpStatus.FORBIDDEN,
                                "forbidden", "Forbidden", "Your role does not allow this request")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(
                        new RequestAttributeSecurityContextRepository()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(HttpSecurity http, SignInFlow signIn, UserAccounts accounts,
            SecuritySettings settings, Clock clock, OidcSettings oidc, OidcSignIn oidcSignIn,
            ApplicationEventPublisher events) throws Exception {
        RequestMatcher camundaLogin = PATHS.matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/*/login/*");
        RequestMatcher logout = new OrRequestMatcher(PATHS.matcher(HttpMethod.POST, "/logout"),
                PATHS.matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/*/logout"));
        RequestMatcher camundaApi = PATHS.matcher("/camunda/api/**");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(PATHS.matcher("/login"), PATHS.matcher("/error"),
                                PATHS.matcher("/actuator/health"), PATHS.matcher("/css/**"),
                                PATHS.matcher("/invite/*"), PATHS.matcher("/p/*"),
                                PATHS.matcher("/p/*/refills/*/*")).permitAll()
                        .requestMatchers(camundaLogin).denyAll()
                        .requestMatchers(PATHS.matcher("/mfa"), PATHS.matcher("/mfa/enroll"))
                        .hasAuthority(MfaPendingAuthentication.AUTHORITY)
                        .anyRequest().hasAuthority(SignInFlow.SIGNED_IN))
                .formLogin(form -> form.successHandler(signIn).permitAll())
                .logout(out -> out.logoutRequestMatcher(logout).logoutSuccessUrl("/login?logout"))
                .addFilterBefore(new SignInThrottle(settings), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new SessionGuard(accounts, settings, clock, events), AuthorizationFilter.class)
                .addFilterBefore(new DeniedRequests(events), ExceptionTranslationFilter.class)
                // Static assets of the webapps and pages may be cached (they hold no data); everything else is no-store.
                .headers(headers -> headers.cacheControl(cache -> cache.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(
                                new OrRequestMatcher(PATHS.matcher(HttpMethod.GET, "/camunda/app/*/assets/**"),
                                        PATHS.matcher(HttpMethod.GET, "/camunda/lib/**"),
                                        PATHS.matcher(HttpMethod.GET, "/camunda/app/*/scripts/**"),
                                        PATHS.matcher(HttpMethod.GET, "/css/**"))),
                                new CacheControlHeadersWriter())))
                // The Camunda webapps protect their API with their own CSRF token.
                .csrf(csrf -> csrf.ignoringRequestMatchers(PATHS.matcher("/camunda/**")))
                .exceptionHandling(errors -> errors
                        // The webapps' JavaScript wants a 401, not a redirect to the login page.
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                camundaApi)
                        // Half signed in (password only): the second factor comes first.
                        .accessDeniedHandler((request, response, e) -> {
                            if (SecurityContextHolder.getContext().getAuthentication()
                                    instanceof MfaPendingAuthentication && !camundaApi.matches(request)) {
                                response.sendRedirect(request.getContextPath() + "/mfa");
                            } else {
                                response.sendError(camundaApi.matches(request) ? 401 : 403);
                            }
                        }));
        if (oidc.enabled()) {
            // Single sign-on onto the same users, then the same second factor (OidcSignIn).
            http.oauth2Login(login -> login
                    .userInfoEndpoint(info -> info.oidcUserService(oidcSignIn))
                    .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                    .successHandler(oidcSignIn)
                    .failureUrl("/login?error"));
        }
        return http.build();
    }

    /** Camunda webapps: the user is whoever Spring Security authenticated. */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(101);
        return registration;
    }

    /** Camunda REST API: the same, so Camunda's authorization and tenant checks apply to REST calls. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> camundaRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
        registration.addInitParameter("rest-url-pattern-prefix", "");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(102);
        return registration;
    }

    private static void problem(ObjectMapper json, HttpServletResponse response, HttpStatus status, String type,
            String title, String detail) throws IOException {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(ApiProblem.typeUri(type));
        body.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"Pestle\"");
        }
        json.writeValue(response.getOutputStream(), body);
    }

}
