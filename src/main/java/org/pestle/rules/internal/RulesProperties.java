package org.pestle.rules.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the rules console.
 *
 * @param secondApproval decision keys whose changes need a second pharmacy admin's approval before they are
 *        published ({@code *}: every table); from {@code PESTLE_RULES_SECOND_APPROVAL}, comma separated
 */
@ConfigurationProperties("pestle.rules")
record RulesProperties(@DefaultValue List<String> secondApproval) {

    boolean needsSecondApproval(String decisionKey) {
        return secondApproval.contains("*") || secondApproval.contains(decisionKey);
    }
}
