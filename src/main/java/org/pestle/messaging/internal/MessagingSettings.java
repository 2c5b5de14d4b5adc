package org.pestle.messaging.internal;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the messaging module ({@code pestle.messaging.*}).
 *
 * @param senderName the pharmacy's name, the only name a text carries
 * @param publicBaseUrl where Twilio reaches Pestle (status callbacks; signatures are computed over it)
 * @param timeZone the pharmacy's time zone, for quiet hours
 * @param quietHoursStart no texts from this time...
 * @param quietHoursEnd ...until this time (local to {@code timeZone}); messages due then wait
 * @param numberHashKey key of the hash that matches a STOP to the patients texted at that number
 * @param sendInterval how often the outbox is sent
 * @param maxAttempts attempts before a message is given up as failed
 * @param twilio the Twilio account
 * @param supportNumber the number the HELP answer gives patients to call
 * @param limits how often a patient may be texted
 */
@ConfigurationProperties("pestle.messaging")
record MessagingSettings(
        @DefaultValue("Pestle Pharmacy") String senderName,
        String publicBaseUrl,
        @DefaultValue("America/New_York") ZoneId timeZone,
        @DefaultValue("21:00") LocalTime quietHoursStart,
        @DefaultValue("08:00") LocalTime quietHoursEnd,
        String numberHashKey,
        @DefaultValue("PT2S") Duration sendInterval,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue Twilio twilio,
        String supportNumber,
        @DefaultValue Limits limits) {

    MessagingSettings {
        require(publicBaseUrl, "pestle.messaging.public-base-url (PESTLE_PUBLIC_BASE_URL)");
        require(numberHashKey, "pestle.messaging.number-hash-key (PESTLE_SMS_NUMBER_HASH_KEY)");
        require(twilio.accountSid(), "pestle.messaging.twilio.account-sid (TWILIO_ACCOUNT_SID)");
        require(twilio.authToken(), "pestle.messaging.twilio.auth-token (TWILIO_AUTH_TOKEN)");
        require(twilio.fromNumber(), "pestle.messaging.twilio.from-number (TWILIO_FROM_NUMBER)");
        require(supportNumber, "pestle.messaging.support-number (PESTLE_SMS_SUPPORT_NUMBER)");
    }

    /** The limits in the pharmacy's time zone. */
    TextingLimits textingLimits() {
        return new TextingLimits(limits.perDay(), limits.perWeek(), timeZone);
    }

    /**
     * Healthcare texts (FCC's exemption, CTIA): at most {@code perDay} a day and {@code perWeek} a week per patient.
     * A text held back by a limit stays queued and goes at the next allowed time, outside quiet hours.
     *
     * @param perDay texts of these purposes a patient may get per local calendar day
     * @param perWeek ... in seven local days
     * @param purposes the healthcare texts that count and are held: refill reminders, ready-for-pickup and pickup
     *        reminders. Pay links are billing texts, outside the FCC's healthcare exemption: STOP and quiet hours
     *        apply to them as to every text, this count does not
     */
    record Limits(@DefaultValue("1") int perDay, @DefaultValue("3") int perWeek,
            @DefaultValue({"REFILL_REMINDER", "READY_FOR_PICKUP", "PICKUP_REMINDER"}) java.util.Set<String> purposes) {
    }

    /** The URL Twilio calls for a path of Pestle's, as Twilio signs it. */
    String publicUrl(String path) {
        return publicBaseUrl.replaceAll("/+$", "") + path;
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Texts cannot be sent: " + name + " is not set. Production needs the "
                    + "Twilio account (see README, Payments and texts); only the embedded default runs the stand-in.");
        }
    }

    /**
     * @param accountSid Twilio account sid
     * @param authToken its auth token (signs webhooks)
     * @param fromNumber the number texts come from (E.164)
     * @param apiBaseUrl empty for Twilio itself; else every API call goes to this base (stand-ins, tests)
     * @param standIn run with the in-process stand-in (embedded default only)
     */
    record Twilio(String accountSid, String authToken, String fromNumber, String apiBaseUrl,
            @DefaultValue("false") boolean standIn) {
    }
}
