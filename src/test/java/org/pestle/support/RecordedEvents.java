package org.pestle.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;

/**
 * Records the events the application publishes (on any thread, request threads included) while a
 * test runs: {@link #start} in a {@code @BeforeEach}, {@link #stop} in an {@code @AfterEach}.
 */
public final class RecordedEvents implements ApplicationListener<ApplicationEvent> {

    private final List<Object> events = new CopyOnWriteArrayList<>();
    private ConfigurableApplicationContext context;

    public static RecordedEvents start(ConfigurableApplicationContext context) {
        RecordedEvents recorded = new RecordedEvents();
        recorded.context = context;
        context.addApplicationListener(recorded);
        return recorded;
    }

    public void stop() {
        context.getBean(ApplicationEventMulticaster.class).removeApplicationListener(this);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        events.add(event instanceof PayloadApplicationEvent<?> payload ? payload.getPayload() : event);
    }

    /** The events of this type, oldest first. */
    public <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public void clear() {
        events.clear();
    }
}
