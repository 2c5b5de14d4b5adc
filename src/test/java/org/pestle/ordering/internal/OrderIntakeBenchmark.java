package org.pestle.ordering.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.pestle.PestleApplication;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Role;
import org.pestle.platform.DataScope;
import org.pestle.audit.AuditRecords;
import org.pestle.audit.ChainVerification;
import org.pestle.support.Demo;
import org.pestle.support.TestDatabase;
import org.pestle.support.TestDatabaseInitializer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The order intake benchmark: boots the real application on PostgreSQL 15 (the test database:
 * {@code TEST_DB_URL}, else Testcontainers, else embedded) with the demo data, and measures
 * <ol>
 * <li>the accept path: one-line orders the eligibility DMN accepts, from just before
 * {@code OrderSubmissions.submit()} until the order's Task_VerifyPrescription exists;</li>
 * <li>the review path: the same with a Schedule III compound (DMN "review");</li>
 * <li>approval: completing the accept path's verification tasks (approve) until the order is
 * AWAITING_PAYMENT; the completion is synchronous, so the call's duration is the latency.</li>
 * </ol>
 * There is no auto-accept path that skips the pharmacist: "accept" and "review" both end in the
 * verification task. Then d. straight-through: approvals of a clinic that pays by monthly invoice, until
 * the order is PAID; e. audited writes alone (1 and 8 writers) against pgbench's single-row insert commit
 * rate on the same server. Before Pestle's phases the bare engine floor ({@link EngineFloor}) runs in
 * this JVM against the same server; the summary prints both sides and their ratio, refused when the two
 * connections see different server settings. Every statement of the application is counted
 * ({@link CountingDataSource}). The audit chain is verified at the end.
 * Run with {@code ./mvnw -Pbenchmark verify}; not part of {@code ./mvnw verify}.
 *
 * <p>Settings (system properties): {@code bench.orders} (2000 per phase), {@code bench.clients} (4
 * client threads), {@code bench.warmup} (200 orders, not counted), {@code bench.rate} (total orders/s
 * the clients aim at; 0, the default, submits as fast as they can), {@code bench.phaseTimeoutSeconds}
 * (300). Any other system property, e.g. {@code -Dcamunda.bpm.job-execution.core-pool-size=4}, reaches
 * the booted application as usual.
 *
 * <p>"Task exists" is measured with an in-process commit hook ({@link BenchmarkProbe}): the moment the
 * job executor's transaction that created the task has committed. ACT_RU_TASK.CREATE_TIME_ is printed as
 * well; it is stamped in memory before the task is flushed and committed, so it is a lower bound.
 */
public final class OrderIntakeBenchmark {

    private static final UUID REYES_USER_ID = UUID.fromString("00000000-0000-4000-8000-0000000000b1");
    private static final String SYSTEM_ACTOR = "system:benchmark";

    private final int orders;
    private final int clients;
    private final int warmup;
    private final double rate;
    private final long phaseTimeoutNanos;
    private final BenchmarkProbe probe = new BenchmarkProbe();
    private final List<String> summary = new ArrayList<>();

    private ConfigurableApplicationContext context;
    private OrderSubmissions submissions;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private DataScope dataScope;
    private UserDetails reyesLogin;
    private UserDetails pharmacistLogin;
    private Actor reyes;
    private BenchmarkCpu cpu;
    private CountingDataSource counting;
    private final List<String[]> table = new ArrayList<>();
    private static final List<String> COMPARED_SETTINGS = List.of("server_version", "fsync", "synchronous_commit",
            "full_page_writes", "wal_sync_method", "shared_buffers", "max_connections");

    private OrderIntakeBenchmark() {
        orders = Integer.getInteger("bench.orders", 2000);
        clients = Integer.getInteger("bench.clients", 4);
        warmup = Integer.getInteger("bench.warmup", 200);
        rate = Double.parseDouble(System.getProperty("bench.rate", "0"));
        phaseTimeoutNanos = TimeUnit.SECONDS.toNanos(Long.getLong("bench.phaseTimeoutSeconds", 300));
        if (orders < 1 || clients < 1 || warmup < 0 || rate < 0) {
            throw new IllegalArgumentException("bench.orders and bench.clients must be positive, bench.warmup "
                    + "and bench.rate not negative");
        }
    }

    public static void main(String[] args) {
        int status;
        OrderIntakeBenchmark benchmark = null;
        try {
            benchmark = new OrderIntakeBenchmark();
            startHardStop(benchmark);
            preloadOwnClasses();
            benchmark.run();
            status = 0;
        } catch (PhaseTimeout e) {
            System.out.println();
            System.out.println("ABORTED: " + e.getMessage());
            status = 2;
        } catch (Throwable e) {
            System.out.println();
            System.out.println("FAILED: " + e);
            e.printStackTrace(System.out);
            status = 1;
        }
        System.out.flush();
        if (benchmark != null) {
            benchmark.shutDown();
        }
        System.exit(status);
    }

    /**
     * Loads this benchmark's classes up front: another build in the same working tree may clean
     * target/test-classes while the benchmark runs.
     */
    private static void preloadOwnClasses() throws ClassNotFoundException {
        for (Class<?> type : new Class<?>[] {BenchmarkStats.class, BenchmarkCpu.class, BenchmarkCpu.Sample.class,
                BenchmarkProbe.class, BenchmarkProbe.Seen.class, Intake.class, Approval.class, PhaseTimeout.class}) {
            Class.forName(type.getName(), true, OrderIntakeBenchmark.class.getClassLoader());
        }
        BenchmarkStats.ofNanos(new long[] {1, 2}).line();
    }

    /** A last resort against a hang anywhere (boot, shutdown): the whole run is bounded. */
    private static void startHardStop(OrderIntakeBenchmark benchmark) {
        long budgetSeconds = 600 + 4 * TimeUnit.NANOSECONDS.toSeconds(benchmark.phaseTimeoutNanos);
        Thread stop = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(budgetSeconds));
            } catch (InterruptedException e) {
                return;
            }
            System.out.println("ABORTED: the benchmark did not end within " + budgetSeconds + " s; halting");
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }, "benchmark-hard-stop");
        stop.setDaemon(true);
        stop.start();
    }

    private void run() throws Exception {
        boot();
        printSettings();
        TestDatabase.Server server = TestDatabase.get();
        Map<String, String> pestleSettings = new LinkedHashMap<>();
        COMPARED_SETTINGS.forEach(name -> pestleSettings.put(name, show(name)));

        // The bare engine floor (../shared/bench/engine-floor), in this JVM, against the same server, first.
        EngineFloor.Result floorDmn;
        EngineFloor.Result floorStart;
        EngineFloor.Result floorComplete;
        boolean comparable;
        long floorStarted = System.nanoTime();
        try (EngineFloor floor = new EngineFloor(server.url(), server.superuser(), server.superuserPassword(),
                clients + 2)) {
            Map<String, String> floorSettings = floor.settings(COMPARED_SETTINGS);
            comparable = floorSettings.equals(pestleSettings);
            System.out.println("Server settings, Pestle's connection:      " + pestleSettings);
            System.out.println("Server settings, engine floor's connection: " + floorSettings);
            if (!comparable) {
                System.out.println("REFUSED: the engine floor and Pestle see different server settings; no ratio is "
                        + "computed from this run.");
            }
            int floorWarmup = Math.max(warmup, 100);
            floorDmn = floor.start("startDmnWait", true, clients, floorWarmup, orders);
            floorStart = floor.start("startWait", false, clients, floorWarmup, orders);
            floorComplete = floor.complete(clients, floorWarmup, orders);
            System.out.println("Engine floor (bare Camunda 7.24, defaults, history FULL, job executor off, same server):");
            System.out.println("  " + floorDmn.line());
            System.out.println("  " + floorStart.line());
            System.out.println("  " + floorComplete.line());
            System.out.printf(Locale.ROOT, "  (%.1f s)%n%n", seconds(System.nanoTime() - floorStarted));
        }

        if (warmup > 0) {
            long start = System.nanoTime();
            Intake accept = intake(Demo.NALTREXONE, (warmup + 1) / 2, "warm-up (accept)");
            Intake review = intake(Demo.TESTOSTERONE, warmup / 2, "warm-up (review)");
            List<String> tasks = new ArrayList<>(accept.taskIds());
            tasks.addAll(review.taskIds());
            approve(tasks, "warm-up (approval)");
            System.out.printf(Locale.ROOT, "Warm-up: %d orders to their verification task and %d approvals in "
                    + "%.1f s (not counted)%n%n", warmup, tasks.size(), seconds(System.nanoTime() - start));
        }

        CountingDataSource.Counts before = counting.counts();
        counting.resetBySql();
        Intake accept = intake(Demo.NALTREXONE, orders, "a. accept path");
        CountingDataSource.Counts acceptSql = counting.counts().minus(before);
        Map<String, Long> acceptBySql = counting.bySql();
        accept.print("a. accept path: one-line orders the DMN accepts (NALTREXONE-LD, quantity 30, 30 days, "
                + "0 refills)", "accept");
        System.out.println("  SQL: " + perOrder(acceptSql, orders) + " (all of the application's statements "
                + "during the phase, job executor and audit sealer included)");
        printBySql(acceptBySql, orders);
        System.out.println();

        before = counting.counts();
        Intake review = intake(Demo.TESTOSTERONE, orders, "b. review path");
        CountingDataSource.Counts reviewSql = counting.counts().minus(before);
        review.print("b. review path: one-line Schedule III orders (TESTOSTERONE-CYP, 0 refills; DMN \"review\")",
                "review");
        System.out.println("  SQL: " + perOrder(reviewSql, orders));
        System.out.println();

        before = counting.counts();
        counting.resetBySql();
        Approval approval = approve(accept.taskIds(), "c. approval");
        CountingDataSource.Counts approvalSql = counting.counts().minus(before);
        Map<String, Long> approvalBySql = counting.bySql();
        approval.print(accept);
        System.out.println("  SQL: " + perOrder(approvalSql, orders) + " (the payment jobs the completions start "
                + "run on in the background and are partly counted)");
        printBySql(approvalBySql, orders);
        System.out.println();

        StraightThrough straight = straightThrough(orders);

        AuditedWrites writes = new AuditedWrites(context.getBean(AuditRecords.class), transactions, dataScope,
                counting);
        double writeSeconds = Double.parseDouble(System.getProperty("bench.writeSeconds", "10"));
        List<AuditedWrites.Rate> rates = new ArrayList<>();
        List<AuditedWrites.Rate> ceilings = new ArrayList<>();
        System.out.println("e. audited writes alone: one audit record per transaction, as fast as the writers can, "
                + writeSeconds + " s each; ceiling: pgbench, one single-row INSERT per transaction, same server");
        for (int writers : new int[] {1, 8}) {
            AuditedWrites.Rate rate = writes.records(writers, writeSeconds);
            rates.add(rate);
            System.out.printf(Locale.ROOT, "  %d writer(s): %,d records in %.1f s = %.0f records/s; %s%n", writers,
                    rate.n(), rate.seconds(), rate.perSecond(), perOrder(rate.sql(), rate.n()).replace("order",
                            "record"));
            AuditedWrites.Rate ceiling = AuditedWrites.pgbenchCeiling(server.url(), server.superuser(),
                    server.superuserPassword(), writers, (int) Math.ceil(writeSeconds));
            ceilings.add(ceiling);
            System.out.println(ceiling == null ? "  pgbench not found (bench.pgbench): no ceiling"
                    : String.format(Locale.ROOT, "  %d client(s): %.0f commits/s (%s)", writers, ceiling.perSecond(),
                            ceiling.what()));
        }
        System.out.println();

        // the trail is verified at the end: everything the run recorded, once sealed
        AuditRecords audit = context.getBean(AuditRecords.class);
        long sealWait = System.nanoTime();
        ChainVerification verification = audit.verify();
        while (verification.awaitingSealing() > 0 && System.nanoTime() - sealWait < TimeUnit.SECONDS.toNanos(30)) {
            Thread.sleep(200);
            verification = audit.verify();
        }
        System.out.printf(Locale.ROOT, "Audit chain after the run: %s, %,d records checked, sealed through #%d, %d "
                + "awaiting sealing (verified in %.1f s after the last write)%n%n",
                verification.intact() ? "INTACT" : "BROKEN at " + verification.firstBrokenSeq() + " "
                        + verification.problem(), verification.recordsChecked(), verification.sealedThroughSeq(),
                verification.awaitingSealing(), seconds(System.nanoTime() - sealWait));

        row("intake, accept path: submit -> verification task committed", accept.throughput(), floorDmn, 1.3,
                acceptSql.roundTrips() / (double) orders, accept.p99Millis(), comparable);
        row("intake, review path", review.throughput(), floorDmn, 1.3, reviewSql.roundTrips() / (double) orders,
                review.p99Millis(), comparable);
        row("approval: complete() -> next wait state (payment)", approval.throughput(), floorComplete, 1.0,
                approvalSql.roundTrips() / (double) orders, approval.p99Millis(), comparable);
        row("straight-through: complete() -> order PAID (clinic invoice)", straight.throughput(), floorComplete,
                Double.NaN, straight.roundTripsPerOrder(), straight.p99Millis(), comparable);
        System.out.println("==== Summary (one invocation, one server; targets from issue 12) ====");
        System.out.printf("Server: PostgreSQL %s, fsync=%s, synchronous_commit=%s (the engine floor saw %s)%n",
                pestleSettings.get("server_version"), pestleSettings.get("fsync"),
                pestleSettings.get("synchronous_commit"), comparable ? "the same settings" : "OTHER SETTINGS: REFUSED");
        System.out.printf(Locale.ROOT, "%-62s %9s %9s %7s %7s %9s %9s  %s%n", "Pestle", "Pestle/s", "floor/s",
                "ratio", "target", "rt/order", "floor rt", "p99 ms");
        for (String[] line : table) {
            System.out.printf(Locale.ROOT, "%-62s %9s %9s %7s %7s %9s %9s  %s%n", (Object[]) line);
        }
        for (int i = 0; i < rates.size(); i++) {
            AuditedWrites.Rate rate = rates.get(i);
            AuditedWrites.Rate ceiling = ceilings.get(i);
            System.out.printf(Locale.ROOT, "%-62s %9.0f %9s %7s %7s%n", "audited writes, " + rate.writers()
                    + " writer(s), records/s vs pgbench single-row commits/s", rate.perSecond(),
                    ceiling == null ? "-" : String.format(Locale.ROOT, "%.0f", ceiling.perSecond()),
                    ceiling == null ? "-" : String.format(Locale.ROOT, "%.2f", rate.perSecond() / ceiling.perSecond()),
                    rate.writers() == 8 ? "0.50" : "-");
        }
        System.out.println("(floor/s: the bare engine's start -> DMN -> task for intake, its task completion that "
                + "ends the instance for approval and straight-through; rt: round trips per order or instance; "
                + "p99: submit -> task committed for intake, the complete() call for approval, complete() -> PAID "
                + "seen by a 10 ms poll for straight-through; targets: intake 1.3x, approvals 1.0x, p99 <= 100 ms "
                + "for intake, audited writes with 8 writers >= 0.5 of the ceiling)");
        System.out.println("Audit chain verified after the run: " + (verification.intact() ? "intact" : "BROKEN"));
        System.out.println();
        System.out.println("Benchmark finished.");
        if (!verification.intact()) {
            throw new IllegalStateException("The audit chain is broken after the benchmark: " + verification);
        }
    }

    private void row(String what, double perSecond, EngineFloor.Result floor, double target, double roundTrips,
            double p99, boolean comparable) {
        table.add(new String[] {what, String.format(Locale.ROOT, "%.1f", perSecond),
            String.format(Locale.ROOT, "%.1f", floor.perSecond()),
            comparable ? String.format(Locale.ROOT, "%.2f", perSecond / floor.perSecond()) : "REFUSED",
            Double.isNaN(target) ? "-" : String.format(Locale.ROOT, "%.1f", target),
            String.format(Locale.ROOT, "%.1f", roundTrips), String.format(Locale.ROOT, "%.1f", floor.roundTripsPer()),
            String.format(Locale.ROOT, "%.0f", p99)});
    }

    /** The statements sent most often during a phase, per order. */
    private static void printBySql(Map<String, Long> bySql, long n) {
        System.out.println("  most frequent statements, per order (statements and batch rows; commits and rollbacks):");
        bySql.entrySet().stream().limit(Integer.getInteger("bench.topStatements", 25)).forEach(e -> System.out.printf(
                Locale.ROOT, "    %6.2f  %s%n", (double) e.getValue() / n, e.getKey()));
    }

    private static String perOrder(CountingDataSource.Counts sql, long n) {
        return String.format(Locale.ROOT, "%.1f statements, %.1f round trips, %.2f commits per order",
                (double) sql.statements() / n, (double) sql.roundTrips() / n, (double) sql.commits() / n);
    }

    // ---------------------------------------------------------------------------------------- straight-through

    /** What the straight-through phase measured. */
    private record StraightThrough(int n, double seconds, long[] latency, CountingDataSource.Counts sql) {

        double throughput() {
            return n / seconds;
        }

        double roundTripsPerOrder() {
            return (double) sql.roundTrips() / n;
        }

        double p99Millis() {
            return BenchmarkStats.ofNanos(latency).p99();
        }
    }

    /**
     * d. Approvals all the way through payment on the clinic invoice route (no patient action): the demo
     * clinic is switched to "clinic pays every order" without a card on file, so the payment-routing DMN
     * answers CLINIC_INVOICE; from each complete() until its order is PAID (the order process ends).
     */
    private StraightThrough straightThrough(int n) throws Exception {
        TestDatabase.Server server = TestDatabase.get();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(server.url(), server.superuser(),
                server.superuserPassword()); java.sql.Statement sql = db.createStatement()) {
            sql.execute("update clinic set clinic_pay_automation = 'ALWAYS' where id = '" + Demo.NORTHSIDE + "'");
            sql.execute("delete from clinic_payment_method where clinic_id = '" + Demo.NORTHSIDE + "'");
        }
        Intake intake = intake(Demo.NALTREXONE, n, "d. straight-through (intake)");
        List<String> taskIds = intake.taskIds();
        long[] numbers = intake.orderNumbers();
        long first = intake.firstNumber;
        long last = intake.lastNumber;
        CountingDataSource.Counts before = counting.counts();
        long deadline = System.nanoTime() + phaseTimeoutNanos;
        Map<Long, Long> paidAt = new java.util.concurrent.ConcurrentHashMap<>();
        Thread poller = new Thread(() -> {
            while (paidAt.size() < n && System.nanoTime() < deadline) {
                List<Long> paid = asSystem(() -> jdbc.queryForList("""
                        select order_number from orders where order_number between ? and ? and status = 'PAID'""",
                        Long.class, first, last));
                long now = System.nanoTime();
                paid.forEach(number -> paidAt.putIfAbsent(number, now));
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-paid-poller");
        poller.setDaemon(true);
        poller.start();
        Approval approval = approve(taskIds, "d. straight-through (approval)");
        poller.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        CountingDataSource.Counts sql = counting.counts().minus(before);
        if (paidAt.size() < n) {
            throw new PhaseTimeout("d. straight-through: " + paidAt.size() + " of " + n + " orders PAID within "
                    + TimeUnit.NANOSECONDS.toSeconds(phaseTimeoutNanos) + " s" + jobDiagnosis());
        }
        long[] latency = new long[n];
        long firstStart = Long.MAX_VALUE;
        long lastPaid = 0;
        for (int i = 0; i < n; i++) {
            long paid = paidAt.get(numbers[i]);
            latency[i] = paid - approval.started[i];
            firstStart = Math.min(firstStart, approval.started[i]);
            lastPaid = Math.max(lastPaid, paid);
        }
        Map<String, Long> outcomes = outcomes(first, last);
        long invoiced = asSystem(() -> jdbc.queryForObject("""
                select count(*) from invoice_line l join orders o on o.id = l.order_id
                where o.order_number between ? and ?""", Long.class, first, last));
        StraightThrough result = new StraightThrough(n, seconds(lastPaid - firstStart), latency, sql);
        System.out.println("d. straight-through: approve the verification tasks of " + n + " new accept-path orders "
                + "of a clinic that pays every order by monthly invoice, until each order is PAID");
        System.out.printf(Locale.ROOT, "  orders %d, clients %d, first complete() to last PAID %.2f s, throughput "
                + "%.1f orders/s%n", n, clients, result.seconds(), result.throughput());
        System.out.println("  latency complete() -> PAID  " + BenchmarkStats.ofNanos(latency).line()
                + "  (PAID seen by a 10 ms poll)");
        System.out.println("  complete() call             " + BenchmarkStats.ofNanos(approval.latency).line());
        System.out.println("  SQL: " + perOrder(sql, n) + " (from the first complete() to the last PAID; the "
                + "poll's statements included)");
        System.out.println("  check: orders " + first + ".." + last + ": " + outcomes + ", invoice lines " + invoiced);
        System.out.println();
        if (!Long.valueOf(n).equals(outcomes.get("eligibility=accept, status=PAID")) || invoiced != n) {
            throw new IllegalStateException("d. straight-through: expected " + n + " orders PAID on the invoice, found "
                    + outcomes + " and " + invoiced + " invoice lines");
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------- boot

    private void boot() {
        // Defaults that a -D on the command line overrides (set before Spring reads its environment).
        defaultProperty("server.port", "0");
        defaultProperty("spring.main.banner-mode", "off");
        defaultProperty("spring.main.log-startup-info", "false");
        defaultProperty("logging.level.root", "WARN");
        // TestDatabase asks Testcontainers for Docker first; without Docker that logs an ERROR that is expected here.
        defaultProperty("logging.level.org.testcontainers", "OFF");
        long start = System.nanoTime();
        context = new SpringApplicationBuilder(PestleApplication.class)
                .initializers(new TestDatabaseInitializer(),
                        ctx -> ctx.getBeanFactory().registerSingleton("orderIntakeBenchmarkProbe", probe),
                        ctx -> ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                            @Override
                            public Object postProcessAfterInitialization(Object bean, String name) {
                                // every statement of the application (engine, job executor, Pestle, sealer)
                                if (name.equals("dataSource") && bean instanceof DataSource real
                                        && !(bean instanceof CountingDataSource)) {
                                    counting = new CountingDataSource(real);
                                    return counting;
                                }
                                return bean;
                            }
                        }))
                .run();
        if (counting == null) {
            throw new IllegalStateException("The application's dataSource bean was not wrapped for counting");
        }
        System.out.printf(Locale.ROOT, "Application booted in %.1f s%n", seconds(System.nanoTime() - start));
        submissions = context.getBean(OrderSubmissions.class);
        jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        dataScope = context.getBean(DataScope.class);
        cpu = new BenchmarkCpu(jdbc.queryForObject("select pg_backend_pid()", Long.class));
        // The clients act as signed-in users do (Spring Security's context on their thread), so that every
        // transaction gets the user's row-level-security scope, as an API request does.
        UserDetailsService users = context.getBean(UserDetailsService.class);
        reyesLogin = users.loadUserByUsername(Demo.REYES);
        pharmacistLogin = users.loadUserByUsername(Demo.PHARMACIST);
        signIn(reyesLogin);
        try {
            reyes = CurrentActor.require();
        } finally {
            SecurityContextHolder.clearContext();
        }
        if (!reyes.userId().equals(REYES_USER_ID) || !reyes.has(Role.PRESCRIBER)
                || !reyes.clinicIds().contains(Demo.NORTHSIDE)) {
            throw new IllegalStateException("The demo prescriber is not as expected: " + reyes);
        }
    }

    private static void signIn(UserDetails user) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    /** Reads Pestle's tables as background work does (system scope; row-level security is on). */
    private <T> T asSystem(java.util.function.Supplier<T> work) {
        return transactions.execute(status -> {
            dataScope.enterSystem(SYSTEM_ACTOR);
            return work.get();
        });
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    private void shutDown() {
        if (context == null) {
            return;
        }
        Thread close = new Thread(() -> context.close(), "benchmark-shutdown");
        close.setDaemon(true);
        close.start();
        try {
            close.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (close.isAlive()) {
            System.out.println("The application did not shut down within 60 s; exiting anyway");
        }
    }

    private void printSettings() {
        ProcessEngine engine = context.getBean(ProcessEngine.class);
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        CamundaBpmProperties camunda = context.getBean(CamundaBpmProperties.class);
        JobExecutor jobExecutor = config.getJobExecutor();
        String pool = "?";
        if (jobExecutor instanceof SpringJobExecutor spring
                && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor executor) {
            pool = String.format(Locale.ROOT, "core pool %d, max pool %d, queue %d", executor.getCorePoolSize(),
                    executor.getMaxPoolSize(), executor.getQueueCapacity());
        }
        DataSource dataSource = context.getBean(DataSource.class);
        String connections;
        try {
            connections = String.valueOf(dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize());
        } catch (java.sql.SQLException e) {
            connections = dataSource.getClass().getSimpleName();
        }
        String version = jdbc.queryForObject("show server_version", String.class);

        System.out.println();
        System.out.println("=== Pestle order intake benchmark ===");
        System.out.printf(Locale.ROOT, "Machine: %d CPUs, Java %s, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf("Database: PostgreSQL %s (%s), synchronous_commit=%s, fsync=%s, shared_buffers=%s%n",
                version, databaseKind(), show("synchronous_commit"), show("fsync"), show("shared_buffers"));
        System.out.println("Engine settings in force:");
        System.out.printf("  Task_CheckEligibility ........ %s%n", BenchmarkProbe.ASYNC_ELIGIBILITY
                ? "a job (experiment: -Dbench.asyncEligibility=true)" : "in the submit transaction (as modelled)");
        System.out.printf("  history level ................ %s%n", config.getHistoryLevel().getName());
        System.out.printf("  legacy FEEL .................. %s%n", onOff(config.isDmnFeelEnableLegacyBehavior()));
        System.out.printf("  history removal-time strategy  %s%n", config.getHistoryRemovalTimeStrategy());
        System.out.printf("  job executor ................. %s, max jobs per acquisition %d, wait %d ms, "
                + "backoff %d ms%n", pool, jobExecutor.getMaxJobsPerAcquisition(), jobExecutor.getWaitTimeInMillis(),
                jobExecutor.getBackoffTimeInMillis());
        System.out.printf("  JDBC batch processing ........ %s%n", config.isJdbcBatchProcessing() ? "on" : "off");
        System.out.printf("  authorization / tenant check . %s / %s%n", onOff(config.isAuthorizationEnabled()),
                onOff(config.isTenantCheckEnabled()));
        System.out.printf("  engine metrics ............... %s%n", onOff(config.isMetricsEnabled()));
        System.out.printf("  Spring eventing .............. execution=%s task=%s history=%s%n",
                camunda.getEventing().isExecution(), camunda.getEventing().isTask(), camunda.getEventing().isHistory());
        System.out.printf("  app connection pool .......... %s connections%n", connections);
        Map<String, String> overrides = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("camunda.") || key.startsWith("pestle.") || key.startsWith("bench.")
                    || key.startsWith("spring.datasource")) {
                overrides.put(key, v.toString());
            }
        });
        System.out.println("  system properties given ...... " + (overrides.isEmpty() ? "(none)" : overrides));
        System.out.printf(Locale.ROOT, "Run: %d orders per phase from %d client threads, %s; warm-up %d orders "
                + "(not counted); a phase aborts after %d s%n", orders, clients,
                rate > 0 ? String.format(Locale.ROOT, "paced at %.0f orders/s in total", rate)
                        : "each client submits as fast as it can (closed loop)",
                warmup, TimeUnit.NANOSECONDS.toSeconds(phaseTimeoutNanos));
        System.out.println("Latency \"to task\": from just before OrderSubmissions.submit() to the commit of the "
                + "job-executor transaction that created Task_VerifyPrescription (an in-process commit hook, "
                + "System.nanoTime; no polling). ACT_RU_TASK.CREATE_TIME_ (milliseconds, the JVM clock) is "
                + "stamped before that transaction is flushed and committed, so \"to CREATE_TIME_\" is a lower "
                + "bound, shown for comparison.");
        System.out.println();
    }

    private String show(String setting) {
        return jdbc.queryForObject("show " + setting, String.class);
    }

    private static String databaseKind() {
        String url = System.getenv("TEST_DB_URL");
        return url != null && !url.isBlank() ? "TEST_DB_URL" : "the test database of TestDatabase";
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    // ---------------------------------------------------------------------------------------- intake

    private NewOrder order(UUID compound, int i) {
        return new NewOrder(Demo.NORTHSIDE, i % 2 == 0 ? Demo.PATIENT_NORTHSIDE : Demo.PATIENT_NORTHSIDE_2,
                List.of(new NewOrder.Line(compound, new BigDecimal("30"), 30, "Use as directed", 0)));
    }

    /** Submits n orders from the client threads and waits until every one's verification task exists. */
    private Intake intake(UUID compound, int n, String phase) throws Exception {
        long deadline = System.nanoTime() + phaseTimeoutNanos;
        String[] orderIds = new String[n];
        long[] started = new long[n];
        long[] submitted = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BenchmarkCpu.Sample cpuAtStart = cpu.sample();
        long wallOrigin = System.currentTimeMillis();
        long nanoOrigin = System.nanoTime();
        ExecutorService pool = clientPool(phase);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                signIn(reyesLogin);
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < n) {
                    try {
                        pace(nanoOrigin, i);
                        NewOrder request = order(compound, i);
                        long t0 = System.nanoTime();
                        OrderSubmissions.Submission submission = submissions.submit(reyes, request, Optional.empty());
                        long t1 = System.nanoTime();
                        started[i] = t0;
                        submitted[i] = t1 - t0;
                        orderIds[i] = submission.orderId().toString();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
                SecurityContextHolder.clearContext();
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            pool.shutdownNow();
            throw new PhaseTimeout(phase + " did not finish within " + TimeUnit.NANOSECONDS.toSeconds(
                    phaseTimeoutNanos) + " s: the clients submitted " + Math.min(next.get(), n) + " of " + n
                    + " orders" + jobDiagnosis());
        }
        if (failure.get() != null) {
            throw new IllegalStateException(phase + ": a submission failed", failure.get());
        }
        long submitsDone = System.nanoTime();

        BenchmarkProbe.Seen[] seen = new BenchmarkProbe.Seen[n];
        int missing = n;
        while (missing > 0) {
            missing = 0;
            for (int i = 0; i < n; i++) {
                if (seen[i] == null && (seen[i] = probe.seen(orderIds[i])) == null) {
                    missing++;
                }
            }
            if (missing > 0) {
                if (System.nanoTime() > deadline) {
                    throw new PhaseTimeout(phase + " did not finish within " + TimeUnit.NANOSECONDS.toSeconds(
                            phaseTimeoutNanos) + " s: " + (n - missing) + " of " + n
                            + " orders have their verification task" + jobDiagnosis());
                }
                Thread.sleep(2);
            }
        }
        String cpuUse = cpu.since(cpuAtStart);
        return new Intake(phase, n, orderIds, started, submitted, seen, submitsDone, wallOrigin, nanoOrigin,
                createTimes(), cpuUse);
    }

    private void pace(long origin, int i) throws InterruptedException {
        if (rate <= 0) {
            return;
        }
        long due = origin + (long) (i * 1_000_000_000.0 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private ExecutorService clientPool(String phase) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable, "bench-client-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private Map<String, Long> createTimes() {
        Map<String, Long> times = new HashMap<>();
        jdbc.query("select id_, create_time_ from act_ru_task where task_def_key_ = ?", rs -> {
            Timestamp created = rs.getTimestamp("create_time_");
            times.put(rs.getString("id_"), created.getTime());
        }, BenchmarkProbe.VERIFY_TASK);
        return times;
    }

    private String jobDiagnosis() {
        try {
            Map<String, Object> jobs = jdbc.queryForMap("""
                    select count(*) as jobs, count(*) filter (where exception_msg_ is not null) as failed,
                           count(*) filter (where lock_owner_ is not null) as locked,
                           max(exception_msg_) as exception
                    from act_ru_job""");
            long incidents = jdbc.queryForObject("select count(*) from act_ru_incident", Long.class);
            return "; jobs in ACT_RU_JOB: " + jobs.get("jobs") + " (locked " + jobs.get("locked") + ", failed "
                    + jobs.get("failed") + (jobs.get("exception") == null ? "" : ", e.g. \"" + jobs.get("exception")
                    + "\"") + "), incidents: " + incidents;
        } catch (RuntimeException e) {
            return "; the job table could not be read: " + e;
        }
    }

    /** Order status and eligibility of the orders with these business keys (order numbers). */
    private Map<String, Long> outcomes(long firstNumber, long lastNumber) {
        Map<String, Long> outcomes = new TreeMap<>();
        asSystem(() -> {
            jdbc.query("""
                    select coalesce(eligibility, '-') as eligibility, status, count(*) as orders from orders
                    where order_number between ? and ? group by 1, 2""", rs -> {
                outcomes.put("eligibility=" + rs.getString("eligibility") + ", status=" + rs.getString("status"),
                        rs.getLong("orders"));
            }, firstNumber, lastNumber);
            return null;
        });
        return outcomes;
    }

    /** What one intake phase measured. */
    private final class Intake {

        private final String phase;
        private final int n;
        private final long[] started;
        private final long[] submitted;
        private final BenchmarkProbe.Seen[] seen;
        private final long submitsDone;
        private final long wallOrigin;
        private final long nanoOrigin;
        private final Map<String, Long> createTimes;
        private final String cpuUse;
        private final long firstStart;
        private final long lastCommit;
        private final long firstNumber;
        private final long lastNumber;

        Intake(String phase, int n, String[] orderIds, long[] started, long[] submitted, BenchmarkProbe.Seen[] seen,
                long submitsDone, long wallOrigin, long nanoOrigin, Map<String, Long> createTimes, String cpuUse) {
            this.phase = phase;
            this.n = n;
            this.started = started;
            this.submitted = submitted;
            this.seen = seen;
            this.submitsDone = submitsDone;
            this.wallOrigin = wallOrigin;
            this.nanoOrigin = nanoOrigin;
            this.createTimes = createTimes;
            this.cpuUse = cpuUse;
            this.firstStart = Arrays.stream(started).min().orElse(0);
            this.lastCommit = Arrays.stream(seen).mapToLong(BenchmarkProbe.Seen::committedNanos).max().orElse(0);
            this.firstNumber = Arrays.stream(seen).mapToLong(s -> Long.parseLong(s.businessKey())).min().orElse(0);
            this.lastNumber = Arrays.stream(seen).mapToLong(s -> Long.parseLong(s.businessKey())).max().orElse(0);
        }

        List<String> taskIds() {
            return Arrays.stream(seen).map(BenchmarkProbe.Seen::taskId).toList();
        }

        /** The order numbers, in the order of {@link #taskIds()}. */
        long[] orderNumbers() {
            return Arrays.stream(seen).mapToLong(s -> Long.parseLong(s.businessKey())).toArray();
        }

        /** p99 from submit to the verification task committed, in ms. */
        double p99Millis() {
            long[] toTask = new long[n];
            for (int i = 0; i < n; i++) {
                toTask[i] = seen[i].committedNanos() - started[i];
            }
            return BenchmarkStats.ofNanos(toTask).p99();
        }

        double throughput() {
            return n / seconds(lastCommit - firstStart);
        }

        void print(String title, String expectedEligibility) {
            long[] toTask = new long[n];
            long[] toCreateTime = new long[n];
            long[] createToCommit = new long[n];
            int withCreateTime = 0;
            for (int i = 0; i < n; i++) {
                toTask[i] = seen[i].committedNanos() - started[i];
                Long created = createTimes.get(seen[i].taskId());
                if (created != null) {
                    double startWallMs = wallOrigin + (started[i] - nanoOrigin) / 1_000_000.0;
                    double commitWallMs = wallOrigin + (seen[i].committedNanos() - nanoOrigin) / 1_000_000.0;
                    toCreateTime[withCreateTime] = (long) ((created - startWallMs) * 1_000_000);
                    createToCommit[withCreateTime] = (long) ((commitWallMs - created) * 1_000_000);
                    withCreateTime++;
                }
            }
            Map<String, Long> outcomes = outcomes(firstNumber, lastNumber);
            String expected = "eligibility=" + expectedEligibility + ", status=IN_REVIEW";
            System.out.println(title);
            System.out.printf(Locale.ROOT, "  orders %d, clients %d, wall %.2f s (first submit to last task "
                    + "committed), throughput %.1f orders/s%n", n, clients, seconds(lastCommit - firstStart),
                    throughput());
            System.out.printf(Locale.ROOT, "  submit() calls alone: %.2f s, %.1f orders/s; most orders waiting "
                    + "for their task at once: %d; longest pause between two task commits: %.0f ms%n",
                    seconds(submitsDone - firstStart), n / seconds(submitsDone - firstStart), maxInFlight(),
                    longestPause() / 1e6);
            System.out.println("  latency to task committed   " + BenchmarkStats.ofNanos(toTask).line());
            System.out.println("  latency to CREATE_TIME_     " + BenchmarkStats.ofNanos(
                    Arrays.copyOf(toCreateTime, withCreateTime)).line() + "  (lower bound, " + withCreateTime
                    + " tasks)");
            System.out.println("  CREATE_TIME_ -> commit      " + BenchmarkStats.ofNanos(
                    Arrays.copyOf(createToCommit, withCreateTime)).line());
            System.out.println("  submit() call               " + BenchmarkStats.ofNanos(submitted).line());
            System.out.println("  " + cpuUse);
            System.out.println("  check: orders " + firstNumber + ".." + lastNumber + ": " + outcomes);
            System.out.println();
            if (!Long.valueOf(n).equals(outcomes.get(expected)) || outcomes.size() != 1) {
                throw new IllegalStateException(phase + ": expected " + n + " orders with " + expected + ", found "
                        + outcomes);
            }
        }

        /** The longest time in which no verification task was committed (a stalled job executor shows here). */
        private long longestPause() {
            long[] commits = Arrays.stream(seen).mapToLong(BenchmarkProbe.Seen::committedNanos).sorted().toArray();
            long longest = 0;
            for (int i = 1; i < commits.length; i++) {
                longest = Math.max(longest, commits[i] - commits[i - 1]);
            }
            return longest;
        }

        /** The largest number of submitted orders whose verification task did not exist yet. */
        private int maxInFlight() {
            long[][] events = new long[2 * n][];
            for (int i = 0; i < n; i++) {
                events[2 * i] = new long[] {started[i], 1};
                events[2 * i + 1] = new long[] {seen[i].committedNanos(), -1};
            }
            Arrays.sort(events, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            int current = 0;
            int max = 0;
            for (long[] event : events) {
                current += (int) event[1];
                max = Math.max(max, current);
            }
            return max;
        }
    }

    // ---------------------------------------------------------------------------------------- approval

    /** Completes the tasks (approve) from the client threads as the demo pharmacist. */
    private Approval approve(List<String> taskIds, String phase) throws Exception {
        long deadline = System.nanoTime() + phaseTimeoutNanos;
        int n = taskIds.size();
        long[] started = new long[n];
        long[] latency = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        TaskService tasks = context.getBean(ProcessEngine.class).getTaskService();
        IdentityService identity = context.getBean(ProcessEngine.class).getIdentityService();
        List<String> pharmacistTenants = identity.createTenantQuery().userMember(pharmacistLogin.getUsername()).list()
                .stream().map(org.camunda.bpm.engine.identity.Tenant::getId).toList();
        BenchmarkCpu.Sample cpuAtStart = cpu.sample();
        ExecutorService pool = clientPool(phase);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                // As Tasklist does for a signed-in pharmacist: Spring Security's user and Camunda's authentication
                // with the user's group and Camunda tenants (the clinics; process instances belong to their clinic).
                signIn(pharmacistLogin);
                identity.setAuthentication(pharmacistLogin.getUsername(), List.of(Role.PHARMACIST.groupId()),
                        pharmacistTenants);
                try {
                    int i;
                    while (failure.get() == null && (i = next.getAndIncrement()) < n) {
                        try {
                            Map<String, Object> variables = Map.of(OrderProcess.VERIFICATION_DECISION, "approve");
                            long t0 = System.nanoTime();
                            tasks.complete(taskIds.get(i), variables);
                            long t1 = System.nanoTime();
                            started[i] = t0;
                            latency[i] = t1 - t0;
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                } finally {
                    identity.clearAuthentication();
                    SecurityContextHolder.clearContext();
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            pool.shutdownNow();
            throw new PhaseTimeout(phase + " did not finish within " + TimeUnit.NANOSECONDS.toSeconds(
                    phaseTimeoutNanos) + " s: " + Math.min(next.get(), n) + " of " + n + " tasks started");
        }
        if (failure.get() != null) {
            throw new IllegalStateException(phase + ": a completion failed", failure.get());
        }
        long first = Arrays.stream(started).min().orElse(0);
        long last = 0;
        for (int i = 0; i < n; i++) {
            last = Math.max(last, started[i] + latency[i]);
        }
        return new Approval(n, last - first, started, latency, cpu.since(cpuAtStart));
    }

    /** What the approval phase measured. */
    private final class Approval {

        private final int n;
        private final long wall;
        private final long[] started;
        private final long[] latency;
        private final String cpuUse;

        Approval(int n, long wall, long[] started, long[] latency, String cpuUse) {
            this.n = n;
            this.wall = wall;
            this.started = started;
            this.latency = latency;
            this.cpuUse = cpuUse;
        }

        double throughput() {
            return n / seconds(wall);
        }

        double p99Millis() {
            return BenchmarkStats.ofNanos(latency).p99();
        }

        void print(Intake approved) {
            Map<String, Long> outcomes = outcomes(approved.firstNumber, approved.lastNumber);
            System.out.println("c. approval: complete the accept path's verification tasks with verificationDecision="
                    + "approve as pharmacist (group pharmacists), until the order is AWAITING_PAYMENT");
            System.out.printf(Locale.ROOT, "  tasks %d, clients %d, wall %.2f s, throughput %.1f tasks/s%n", n,
                    clients, seconds(wall), throughput());
            System.out.println("  latency (complete() call)   " + BenchmarkStats.ofNanos(latency).line());
            System.out.println("  " + cpuUse);
            System.out.println("  check: orders " + approved.firstNumber + ".." + approved.lastNumber + ": "
                    + outcomes);
            System.out.println();
            if (!Long.valueOf(n).equals(outcomes.get("eligibility=accept, status=AWAITING_PAYMENT"))
                    || outcomes.size() != 1) {
                throw new IllegalStateException("approval: expected " + n + " orders AWAITING_PAYMENT, found "
                        + outcomes);
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1_000_000_000.0;
    }

    /** A phase did not finish in time. */
    private static final class PhaseTimeout extends Exception {

        PhaseTimeout(String message) {
            super(message);
        }
    }
}
