package org.pestle.messaging.internal;

import jakarta.servlet.http.HttpServletRequest;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhooks: delivery status callbacks and inbound texts. Called by Twilio, not by a
 * signed-in user: only a valid X-Twilio-Signature is accepted (403 otherwise, nothing changes).
 */
@RestController
@RequestMapping("/webhooks/twilio")
class TwilioWebhooks {

    private final TwilioSignatures signatures;
    private final TextConsent consent;

    TwilioWebhooks(TwilioSignatures signatures, TextConsent consent) {
        this.signatures = signatures;
        this.consent = consent;
    }

    @PostMapping(path = "/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> status(HttpServletRequest request, @RequestParam("MessageSid") String messageSid,
            @RequestParam("MessageStatus") String messageStatus,
            @RequestParam(name = "ErrorCode", required = false) String errorCode,
            @RequestParam(name = "message", required = false) java.util.UUID messageId) {
        if (!signatures.valid(request)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        consent.recordDeliveryStatus(messageId, messageSid, messageStatus, errorCode);
        return ResponseEntity.noContent().build();
    }

    /**
     * An inbound text: STOP, START and HELP are answered as carriers require; an answer to a text that asked something
     * (YES to a refill reminder) goes to the module that asked; other texts get HELP's answer.
     */
    @PostMapping(path = "/inbound", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> inbound(HttpServletRequest request, @RequestParam("MessageSid") String messageSid,
            @RequestParam("From") String from, @RequestParam(name = "Body", defaultValue = "") String body) {
        if (!signatures.valid(request)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        TextConsent.Received received = consent.recordInbound(messageSid, from, body);
        MessagingResponse.Builder reply = new MessagingResponse.Builder();
        if (received.first()) {
            received.answer().or(() -> consent.replyTo(Keyword.of(body))).ifPresent(text -> reply.message(
                    new Message.Builder().body(new Body.Builder(text).build()).build()));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(reply.build().toXml());
    }
}
