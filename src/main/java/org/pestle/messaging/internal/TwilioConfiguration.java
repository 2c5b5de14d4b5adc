package org.pestle.messaging.internal;

import java.net.URI;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.HttpHost;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Twilio client. With {@code api-base-url} set (the embedded default's stand-in, tests), every
 * request twilio-java makes goes to that base instead of Twilio's hosts: twilio-java has no base
 * URL setting, so its Apache HttpClient gets a route to the local host and a path prefix.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class TwilioConfiguration {

    @Bean
    TwilioRestClient twilioRestClient(MessagingSettings settings) {
        MessagingSettings.Twilio twilio = settings.twilio();
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken());
        if (!blank(twilio.apiBaseUrl())) {
            builder.httpClient(new NetworkHttpClient(routedTo(URI.create(twilio.apiBaseUrl()))));
        }
        return builder.build();
    }

    /** An HttpClient that sends every request to {@code base} (scheme, host, port and path prefix). */
    static HttpClientBuilder routedTo(URI base) {
        HttpHost target = new HttpHost(base.getScheme(), base.getHost(), base.getPort());
        String prefix = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        return HttpClients.custom()
                .setRoutePlanner((host, context) -> new HttpRoute(target))
                .addRequestInterceptorFirst((request, entity, context) -> {
                    request.setAuthority(new org.apache.hc.core5.net.URIAuthority(target.getHostName(),
                            target.getPort()));
                    request.setScheme(target.getSchemeName());
                    request.setPath(prefix + request.getPath());
                });
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
