package org.pestle.identity.internal.camunda;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Camunda logs every exception a command ends with at ERROR with its stack trace, a tenant refusal
 * too ("ENGINE-16004 Exception while closing command context: ENGINE-13034 ... belongs to no
 * authenticated tenant"): to an operator's monitoring each refused request would look like a fault.
 * Those records are left out; the request is answered 404 ({@link CamundaRefusals}). Camunda logs
 * authorization refusals at DEBUG already.
 */
@Component
class CamundaRefusalLogs extends TurboFilter {

    private static final String COMMAND_CONTEXT = "org.camunda.bpm.engine.context";

    @PostConstruct
    void register() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            start();
            context.addTurboFilter(this);
        }
    }

    @PreDestroy
    void unregister() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(this);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (level == Level.ERROR && COMMAND_CONTEXT.equals(logger.getName())) {
            Throwable thrown = t != null ? t
                    : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last
                    : null;
            if (CamundaRefusals.isTenantRefusal(thrown)) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
