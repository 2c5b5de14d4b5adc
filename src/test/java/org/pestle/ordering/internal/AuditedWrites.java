package org.pestle.ordering.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.platform.DataScope;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audited writes alone: each writer commits one transaction per audit record (system scope, one
 * {@link AuditRecords#record}), as fast as it can, for a fixed time; and the ceiling: pgbench's
 * single-row INSERT commit rate on the same server (a table with a bigserial key, one row per
 * transaction, the same numbers of clients).
 */
final class AuditedWrites {

    /** One measurement. */
    record Rate(String what, int writers, long n, double seconds, CountingDataSource.Counts sql) {

        double perSecond() {
            return n / seconds;
        }
    }

    private final AuditRecords audit;
    private final TransactionTemplate transactions;
    private final DataScope dataScope;
    private final CountingDataSource counting;

    AuditedWrites(AuditRecords audit, TransactionTemplate transactions, DataScope dataScope,
            CountingDataSource counting) {
        this.audit = audit;
        this.transactions = transactions;
        this.dataScope = dataScope;
        this.counting = counting;
    }

    /** Audit records per second with this many writers. */
    Rate records(int writers, double seconds) throws InterruptedException {
        LongAdder written = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        long[] end = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String actor = "system:benchmark-writer-" + w;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    while (System.nanoTime() < end[0] && failure.get() == null) {
                        transactions.executeWithoutResult(status -> {
                            dataScope.enterSystem(actor);
                            audit.record(AuditEntry.of(actor, "benchmark.recorded", "benchmark", null));
                        });
                        written.increment();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "audit-writer-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        CountingDataSource.Counts before = counting.counts();
        long start = System.nanoTime();
        end[0] = start + (long) (seconds * 1e9);
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("an audit writer failed", failure.get());
        }
        return new Rate("audit records (AuditRecords.record, one per transaction)", writers, written.sum(), took,
                counting.counts().minus(before));
    }

    /**
     * pgbench's single-row insert commit rate on the server of this JDBC URL, in a scratch database.
     *
     * @return the rate, or null when pgbench is not installed
     */
    static Rate pgbenchCeiling(String serverUrl, String user, String password, int clients, int seconds)
            throws SQLException, IOException, InterruptedException {
        Path pgbench = Path.of(System.getProperty("bench.pgbench", "/usr/bin/pgbench"));
        if (!Files.isExecutable(pgbench)) {
            return null;
        }
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/").matcher(serverUrl);
        if (!address.lookingAt()) {
            throw new IllegalArgumentException("Not a jdbc:postgresql://host:port/ URL: " + serverUrl);
        }
        String database = "pgbench_" + Long.toString(System.currentTimeMillis(), 36);
        admin(serverUrl, user, password, "create database " + database);
        Path script = Files.createTempFile("pgbench-insert", ".sql");
        try {
            try (Connection c = DriverManager.getConnection(org.pestle.platform.DatabaseBootstrap.withDatabase(
                    serverUrl, database), user, password); Statement s = c.createStatement()) {
                s.execute("create table single_row (id bigserial primary key, at timestamptz not null default now(),"
                        + " note text)");
            }
            Files.writeString(script, "insert into single_row (note) values ('x');\n", StandardCharsets.UTF_8);
            ProcessBuilder run = new ProcessBuilder(pgbench.toString(), "-n", "-h", address.group(1), "-p",
                    address.group(2), "-U", user, "-c", String.valueOf(clients), "-j",
                    String.valueOf(Math.min(clients, Runtime.getRuntime().availableProcessors())), "-T",
                    String.valueOf(seconds), "-f", script.toString(), database).redirectErrorStream(true);
            run.environment().put("PGPASSWORD", password);
            Process process = run.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pgbench failed: " + output);
            }
            Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
            Matcher processed = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(output);
            if (!tps.find() || !processed.find()) {
                throw new IllegalStateException("pgbench said: " + output);
            }
            long n = Long.parseLong(processed.group(1));
            double rate = Double.parseDouble(tps.group(1));
            return new Rate(String.format(Locale.ROOT, "pgbench single-row INSERT, one per transaction (%s)",
                    pgbenchVersion(pgbench)), clients, n, n / rate, null);
        } finally {
            Files.deleteIfExists(script);
            admin(serverUrl, user, password, "drop database if exists " + database + " with (force)");
        }
    }

    private static String pgbenchVersion(Path pgbench) throws IOException, InterruptedException {
        Process version = new ProcessBuilder(pgbench.toString(), "--version").redirectErrorStream(true).start();
        String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        version.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    private static void admin(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
