package org.pestle.platform.internal;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.WebRequest;

/**
 * What Spring Boot's error endpoint ({@code /error}) says about an error that no Pestle handler
 * answered: status and time, not the request's path, which may hold anything a client put there.
 */
@Configuration(proxyBeanMethods = false)
class ErrorBodies {

    @Bean
    ErrorAttributes errorAttributes() {
        return new DefaultErrorAttributes() {
            @Override
            public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
                Map<String, Object> attributes = super.getErrorAttributes(request, options);
                attributes.remove("path");
                return attributes;
            }
        };
    }
}
