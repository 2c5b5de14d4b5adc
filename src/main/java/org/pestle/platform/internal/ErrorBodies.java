package org.pestle.platform.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.pestle.platform.ApiProblem;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.context.request.WebRequest;

/**
 * What is said about an error that no Pestle handler answered: neither names the request's path, which
 * may hold anything a client put there.
 * <ul>
 * <li>Spring Boot's error endpoint ({@code /error}): status and time.</li>
 * <li>Tomcat's own refusals, made before any filter runs (a path with {@code %00}, an encoded
 * {@code /} or {@code \}, {@code ..} above the root, invalid UTF-8): problem+json under the APIs
 * ({@code /api}, {@code /engine-rest}, {@code /camunda/api}), Tomcat's bare status page elsewhere.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ErrorBodies {

    private static final String[] API_PATHS = {"/api/", "/engine-rest/", "/camunda/api/"};

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

    /**
     * Puts {@link ProblemReportValve} in place of the error report valve Spring Boot adds to the host
     * (server.error.include-stacktrace=never: no report, no server version).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports(ObjectMapper json) {
        return factory -> factory.addContextCustomizers(context -> {
            Pipeline host = context.getParent().getPipeline();
            for (Valve valve : host.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.removeValve(valve);
                }
            }
            ProblemReportValve valve = new ProblemReportValve(json);
            valve.setShowReport(false);
            valve.setShowServerInfo(false);
            host.addValve(valve);
            // Else the host adds Tomcat's own valve at its start, which would report first.
            ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemReportValve.class.getName());
        });
    }

    /** Tomcat's error report, as problem+json for the APIs. */
    static final class ProblemReportValve extends ErrorReportValve {

        private final ObjectMapper json;

        ProblemReportValve(ObjectMapper json) {
            this.json = json;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !underAnApi(request.getRequestURI())) {
                super.report(request, response, throwable);
                return;
            }
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                PrintWriter writer = response.getReporter();
                if (writer != null) {
                    writer.write(json.writeValueAsString(problem(status)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response was committed meanwhile: nothing more to say.
            }
        }

        private static boolean underAnApi(String uri) {
            if (uri == null) {
                return false;
            }
            for (String path : API_PATHS) {
                if (uri.startsWith(path)) {
                    return true;
                }
            }
            return false;
        }

        private static ProblemDetail problem(int status) {
            HttpStatus known = HttpStatus.resolve(status);
            ProblemDetail body = ProblemDetail.forStatus(status);
            if (status == HttpStatus.BAD_REQUEST.value()) {
                body.setType(ApiProblem.typeUri("malformed-request"));
                body.setTitle("Malformed request");
                body.setDetail("The request's URL is not accepted");
            } else if (status == HttpStatus.NOT_FOUND.value()) {
                body.setType(ApiProblem.typeUri("not-found"));
                body.setTitle("Not found");
            } else {
                body.setType(ApiProblem.typeUri("http-" + status));
                body.setTitle(known == null ? "Error" : known.getReasonPhrase());
            }
            return body;
        }
    }
}
