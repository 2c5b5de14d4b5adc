package org.pestle.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default after a crash: an application killed with kill -9 leaves its PostgreSQL running on the data
 * folder. The next start stops that server and starts on the same data, which is kept; a second application on a
 * folder in use is refused with a message that says so.
 */
class EmbeddedPostgresRestartIntegrationTests {

    @TempDir
    Path folder;

    @Test
    void aStartAfterTheApplicationWasKilledStopsTheServerItLeftAndKeepsTheData() throws Exception {
        Path data = folder.resolve("pgdata");
        Process crashed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerThatGetsKilled.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        long leftBehind;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(crashed.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("ready")) {
                // the server's log, until the child says it has written its row
            }
            assertThat(line).as("the child application started its server").startsWith("ready");
            leftBehind = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
            crashed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(leftBehind).map(ProcessHandle::isAlive)).as("the server outlives its application")
                .contains(true);

        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(data)) {
            assertThat(restarted.freshlyCreated()).isFalse();
            assertThat(ProcessHandle.of(leftBehind).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            try (Connection db = DriverManager.getConnection(restarted.superuserUrl(), "postgres", "");
                    Statement sql = db.createStatement();
                    ResultSet rows = sql.executeQuery("select note from crash_test")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("written before the crash");
            }
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(data)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Another Pestle is running with the data folder");
        }
    }

    /** The application that dies: starts the server, commits a row, says so, and waits to be killed. */
    public static final class ServerThatGetsKilled {

        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
            try (Connection db = DriverManager.getConnection(server.superuserUrl(), "postgres", "");
                    Statement sql = db.createStatement()) {
                sql.execute("create table crash_test (note text)");
                sql.execute("insert into crash_test values ('written before the crash')");
            }
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
