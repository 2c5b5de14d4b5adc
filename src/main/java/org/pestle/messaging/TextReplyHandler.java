package org.pestle.messaging;

import java.util.Optional;
import java.util.Set;

/**
 * Implemented by a module whose texts ask the patient something (refills: "reply YES to refill"). The inbound
 * webhook calls the handler of the answered text's purpose once per inbound message, in the transaction that
 * records the message, unless the answer was STOP (every revocation word) or HELP, which messaging answers itself.
 */
public interface TextReplyHandler {

    /** The purposes of the texts this handler answers for. */
    Set<String> purposes();

    /**
     * Handles the answer in the webhook's transaction (in the system data scope).
     *
     * @return the text to answer the patient with (no patient data), or empty to answer as to any other text
     */
    Optional<String> handle(TextReply reply);
}
