package org.pestle.messaging.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;

import com.twilio.security.RequestValidator;
import org.springframework.stereotype.Component;

/**
 * Checks X-Twilio-Signature with twilio-java's own validator, over the public URL Twilio called
 * (Pestle may sit behind a proxy, so the URL comes from the settings, not the request) and the
 * posted form parameters (not those of the query string, which are part of the URL).
 */
@Component
class TwilioSignatures {

    private final RequestValidator validator;
    private final MessagingSettings settings;

    TwilioSignatures(MessagingSettings settings) {
        this.validator = new RequestValidator(settings.twilio().authToken());
        this.settings = settings;
    }

    boolean valid(HttpServletRequest request) {
        String signature = request.getHeader("X-Twilio-Signature");
        if (signature == null || signature.isBlank()) {
            return false;
        }
        String url = settings.publicUrl(request.getRequestURI())
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return validator.validate(url, postedParameters(request), signature);
    }

    /**
     * The form parameters of the body only: Twilio signs the URL with its query string plus the posted
     * parameters, while the servlet request mixes both (query string values first).
     */
    static Map<String, String> postedParameters(HttpServletRequest request) {
        Map<String, Integer> inQuery = new HashMap<>();
        if (request.getQueryString() != null) {
            for (String pair : request.getQueryString().split("&")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                inQuery.merge(name, 1, Integer::sum);
            }
        }
        Map<String, String> params = new TreeMap<>();
        request.getParameterMap().forEach((name, values) -> {
            int fromQuery = inQuery.getOrDefault(name, 0);
            if (values.length > fromQuery) {
                params.put(name, values[fromQuery]);
            }
        });
        return params;
    }
}
