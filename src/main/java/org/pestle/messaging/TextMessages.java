package org.pestle.messaging;

import java.util.UUID;

/**
 * Sends text messages to patients through the outbox: a message is written in the caller's
 * transaction and sent afterwards, at most once, outside quiet hours, only to patients who have not
 * opted out. Texts carry no patient data: the pharmacy's name and a link.
 */
public interface TextMessages {

    /**
     * Queues a text in the caller's transaction. A second call with the same dedupe key queues
     * nothing and answers the first message's id.
     *
     * @return the message id
     */
    UUID queue(OutboundText text);

    /** Whether the patient has not opted out of texts (STOP); says nothing about having a number. */
    boolean mayText(UUID patientId);
}
