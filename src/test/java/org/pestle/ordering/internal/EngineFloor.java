package org.pestle.ordering.internal;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The bare engine floor of ../shared/bench/engine-floor, run inside the order benchmark's JVM against
 * the same PostgreSQL server (a database of its own, dropped at the end): Camunda 7.24's
 * {@code StandaloneProcessEngineConfiguration} with defaults (history FULL, JDBC batching, removal-time
 * strategy "end", job executor off), a Hikari pool behind {@link CountingDataSource}, the floor's models
 * (start → DMN → user task; start → user task; completing a task ends its instance).
 */
final class EngineFloor implements AutoCloseable {

    /** Six inputs, each hitting a different rule of review-level.dmn. */
    private static final String[] DRUG_CLASS = {"controlled", "controlled", "coldchain", "standard", "standard",
        "standard"};
    private static final String[] CHANNEL = {"clinic", "telehealth", "clinic", "telehealth", "telehealth", "clinic"};
    private static final int[] QUANTITY = {60, 10, 30, 120, 30, 90};

    /** One timed case. */
    record Result(String name, int threads, int n, double seconds, long[] sortedNanos,
            CountingDataSource.Counts sql) {

        double perSecond() {
            return n / seconds;
        }

        double percentileMs(double q) {
            int index = Math.max(0, (int) Math.ceil(q * n) - 1);
            return sortedNanos[index] / 1e6;
        }

        double statementsPer() {
            return (double) sql.statements() / n;
        }

        double roundTripsPer() {
            return (double) sql.roundTrips() / n;
        }

        String line() {
            return String.format(Locale.ROOT, "%-28s threads %d, n %d: %7.1f/s, p50 %.1f ms, p99 %.1f ms, "
                    + "%.1f statements and %.1f round trips each", name, threads, n, perSecond(), percentileMs(0.5),
                    percentileMs(0.99), statementsPer(), roundTripsPer());
        }
    }

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String database;
    private final HikariDataSource pool;
    private final CountingDataSource db;
    private final ProcessEngine engine;

    /**
     * @param serverUrl a JDBC URL of any database on the server (the floor creates its own next to it)
     */
    EngineFloor(String serverUrl, String user, String password, int poolSize) throws SQLException, IOException {
        this.adminUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.database = "floor_" + Long.toString(System.currentTimeMillis(), 36);
        admin("create database " + database);
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(org.pestle.platform.DatabaseBootstrap.withDatabase(serverUrl, database));
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(poolSize);
        hikari.setPoolName("engine-floor");
        pool = new HikariDataSource(hikari);
        db = new CountingDataSource(pool);
        StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
        config.setProcessEngineName("engine-floor");
        config.setDataSource(db);
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        config.setJobExecutorActivate(false);
        config.setIdGenerator(new StrongUuidGenerator());
        engine = config.buildProcessEngine();
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("engine-floor");
        for (String model : List.of("start-wait.bpmn", "start-dmn-wait.bpmn", "review-level.dmn")) {
            // stored as .xml in the test resources, so that no Pestle engine deploys them
            try (InputStream in = EngineFloor.class.getResourceAsStream("/bench/floor/" + model + ".xml")) {
                deployment.addString(model, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        deployment.deploy();
    }

    /** The server settings as the floor's own connection sees them. */
    Map<String, String> settings(List<String> names) {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String name : names) {
                try (ResultSet rs = s.executeQuery("show " + name)) {
                    rs.next();
                    values.put(name, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The floor's database settings could not be read", e);
        }
        return values;
    }

    /** Starts instances of start → DMN → user task (or start → user task), as the floor's cases 1 and 2. */
    Result start(String processKey, boolean withDmn, int threads, int warmup, int count) throws InterruptedException {
        RuntimeService runtime = engine.getRuntimeService();
        String prefix = processKey + "-t" + threads + "-";
        IntConsumer start = i -> runtime.startProcessInstanceByKey(processKey, prefix + i, variables(i, withDmn));
        measure(threads, warmup, start);
        CountingDataSource.Counts before = db.counts();
        Timed timed = measure(threads, count, i -> start.accept(warmup + i));
        return new Result((withDmn ? "start -> DMN -> task" : "start -> task"), threads, count, timed.seconds,
                timed.sortedNanos, db.counts().minus(before));
    }

    /** Completes tasks of start → user task (each ends its instance), as the floor's case 3. */
    Result complete(int threads, int warmup, int count) throws InterruptedException {
        TaskService tasks = engine.getTaskService();
        List<String> ids = new ArrayList<>();
        for (Task task : tasks.createTaskQuery().processDefinitionKey("startWait").listPage(0, warmup + count)) {
            ids.add(task.getId());
        }
        if (ids.size() < warmup + count) {
            throw new IllegalStateException("only " + ids.size() + " waiting tasks in the engine floor");
        }
        measure(threads, warmup, i -> tasks.complete(ids.get(i)));
        CountingDataSource.Counts before = db.counts();
        Timed timed = measure(threads, count, i -> tasks.complete(ids.get(warmup + i)));
        return new Result("complete (ends instance)", threads, count, timed.seconds, timed.sortedNanos,
                db.counts().minus(before));
    }

    private record Timed(double seconds, long[] sortedNanos) {
    }

    private static Timed measure(int threads, int count, IntConsumer op) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        long[][] perThread = new long[threads][];
        Thread[] workers = new Thread[threads];
        for (int w = 0; w < threads; w++) {
            int id = w;
            workers[w] = new Thread(() -> {
                long[] mine = new long[count];
                int k = 0;
                try {
                    go.await();
                    for (int i; (i = next.getAndIncrement()) < count && failure.get() == null;) {
                        long t0 = System.nanoTime();
                        op.accept(i);
                        mine[k++] = System.nanoTime() - t0;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                perThread[id] = Arrays.copyOf(mine, k);
            }, "floor-worker-" + w);
            workers[w].start();
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("an engine floor worker failed", failure.get());
        }
        return new Timed(seconds, Arrays.stream(perThread).flatMapToLong(Arrays::stream).sorted().toArray());
    }

    private static VariableMap variables(int i, boolean withQuantity) {
        int row = i % DRUG_CLASS.length;
        VariableMap vars = Variables.createVariables().putValue("drugClass", DRUG_CLASS[row])
                .putValue("channel", CHANNEL[row]);
        return withQuantity ? vars.putValue("quantity", QUANTITY[row]) : vars;
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        engine.close();
        pool.close();
        admin("drop database if exists " + database + " with (force)");
    }
}
