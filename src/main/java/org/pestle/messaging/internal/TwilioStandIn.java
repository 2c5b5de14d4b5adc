package org.pestle.messaging.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The embedded default's stand-in for Twilio (never in production: the postgres profile turns it
 * off). It answers twilio-java's "create message" call as Twilio does, then posts a signed
 * "delivered" status callback like Twilio. {@code /stand-ins/phone} shows the texts it "sent", so
 * a demo user can open a pay link; it keeps only the last 50, in memory, with no numbers.
 */
@RestController
@ConditionalOnProperty(name = "pestle.messaging.twilio.stand-in", havingValue = "true")
class TwilioStandIn {

    private final Deque<Sent> sent = new ConcurrentLinkedDeque<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final MessagingSettings settings;

    TwilioStandIn(MessagingSettings settings) {
        this.settings = settings;
    }

    @PostMapping(path = "/stand-ins/twilio/2010-04-01/Accounts/{accountSid}/Messages.json",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> createMessage(@PathVariable String accountSid,
            @RequestBody MultiValueMap<String, String> form) {
        if (!accountSid.equals(settings.twilio().accountSid())) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("code", 20003, "status", 401,
                    "message", "Authenticate"));
        }
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String body = form.getFirst("Body");
        sent.addFirst(new Sent(sid, body, Instant.now()));
        while (sent.size() > 50) {
            sent.removeLast();
        }
        String callback = form.getFirst("StatusCallback");
        if (callback != null) {
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> deliver(callback, sid));
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("sid", sid);
        message.put("account_sid", accountSid);
        message.put("from", form.getFirst("From"));
        message.put("to", form.getFirst("To"));
        message.put("body", body);
        message.put("status", "queued");
        message.put("direction", "outbound-api");
        message.put("num_segments", "1");
        message.put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json");
        return ResponseEntity.status(HttpStatus.CREATED).body(message);
    }

    @GetMapping(path = "/stand-ins/phone", produces = MediaType.TEXT_HTML_VALUE)
    String phone() {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html><head><title>Demo phone</title><link rel="stylesheet" href="/css/pestle.css">
                </head><body><main><h1>Demo phone</h1><p>Texts the Twilio stand-in "sent", newest first.</p><ul>""");
        for (Sent text : new ArrayList<>(sent)) {
            String escaped = HtmlUtils.htmlEscape(text.body());
            html.append("<li><small>").append(text.at()).append("</small><br>")
                    .append(escaped.replaceAll("(https?://\\S+)", "<a href=\"$1\">$1</a>")).append("</li>");
        }
        return html.append("</ul></main></body></html>").toString();
    }

    private void deliver(String callback, String sid) {
        Map<String, String> params = new TreeMap<>(Map.of("MessageSid", sid, "MessageStatus", "delivered",
                "AccountSid", settings.twilio().accountSid()));
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        try {
            http.send(HttpRequest.newBuilder(URI.create(callback))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", sign(settings.twilio().authToken(), callback, params))
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            // a stand-in: a callback that cannot be delivered is dropped, as Twilio gives up too
        }
    }

    /** Twilio's scheme: Base64(HMAC-SHA1(auth token, URL followed by each parameter name and value, sorted)). */
    static String sign(String authToken, String url, Map<String, String> params) throws GeneralSecurityException {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private record Sent(String sid, String body, Instant at) {
    }
}
