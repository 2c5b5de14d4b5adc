package org.pestle.rules.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * At startup, deploys the decision tables shipped in {@code decisions/*.dmn} (with their test cases from
 * {@code decisions/<name>.tests.json}) through {@link ShippedTableSync}, which never puts a shipped table over an
 * admin's version. Camunda's own auto-deployment leaves decisions alone (application.yml). Runs once every bean
 * is created and before the web server takes its first request, so that no order meets a missing decision.
 */
@Component
class ShippedTables implements SmartInitializingSingleton {

    static final String PATTERN = "classpath*:decisions/*.dmn";
    private static final Logger log = LoggerFactory.getLogger(ShippedTables.class);

    private final ShippedTableSync sync;

    ShippedTables(ShippedTableSync sync) {
        this.sync = sync;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            deployShippedTables();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the shipped decision tables", e);
        }
    }

    private void deployShippedTables() throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Resource[] tables = resolver.getResources(PATTERN);
        Arrays.sort(tables, Comparator.comparing(Resource::getFilename));
        for (Resource table : tables) {
            String fileName = table.getFilename();
            Resource tests = table.createRelative(fileName.replaceFirst("\\.dmn$", ".tests.json"));
            String outcome = sync.sync("decisions/" + fileName, read(table), tests.exists() ? read(tests) : null);
            log.info("Decision table {}: {}", fileName, outcome);
        }
    }

    private static String read(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
