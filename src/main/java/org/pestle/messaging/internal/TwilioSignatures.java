package org.pestle.messaging.internal;

import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;

import com.twilio.security.RequestValidator;
import org.springframework.stereotype.Component;

/**
 * Checks X-Twilio-Signature with twilio-java's own validator, over the public URL Twilio called
 * (Pestle may sit behind a proxy, so the URL comes from the settings, not the request) and the
 * posted form parameters.
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
        Map<String, String> params = new TreeMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, values.length == 0 ? "" : values[0]));
        return validator.validate(url, params, signature);
    }
}
