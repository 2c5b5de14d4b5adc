package org.pestle.audit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.pestle.PestleApplication;
import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.audit.ChainVerification;
import org.pestle.platform.DatabaseBootstrap;
import org.pestle.support.Demo;
import org.pestle.support.ProviderStandIns;
import org.pestle.support.TestDatabase;
import org.pestle.support.TestDatabaseInitializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audit trail benchmark (not part of ./mvnw verify): {@code ./mvnw -Pbenchmark-audit verify}
 * ({@code -Dbench.auditRecords=10000000 -Dbench.searchSamples=200 -Dbench.writeSeconds=20
 * -Dbench.verify=true -Dbench.explainAboveMs=100}: the defaults).
 * Boots the application on its own embedded PostgreSQL (or {@code TEST_DB_URL}) and:
 * <ol>
 * <li>loads N synthetic but realistic audit records spanning two years as the database superuser in
 * bulk (COPY, secondary indexes rebuilt afterwards), with hashes computed in Java over the same
 * canonical form as {@code audit_canonical()}, continuing the real chain from its head;</li>
 * <li>measures search latency through {@link AuditSearch} as the signed-in admin (row-level security
 * evaluated as in production) for each filter alone and some combinations, with common and rare
 * values, first pages and deep keyset pages;</li>
 * <li>measures appends through {@link AuditRecords#record} (one record per transaction, as a signed-in
 * pharmacist) with 1 and 8 writers;</li>
 * <li>runs the application's own verification over the whole trail (loaded and appended records),
 * which must pass.</li>
 * </ol>
 */
public final class AuditTrailBenchmark {

    static final Instant END = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
    static final Instant START = END.minus(730, ChronoUnit.DAYS);
    static final DateTimeFormatter CANONICAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    static final DateTimeFormatter COPY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'")
            .withZone(ZoneOffset.UTC);

    private AuditTrailBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.getLong("bench.auditRecords", 10_000_000L);
        int samples = Integer.getInteger("bench.searchSamples", 200);
        int writeSeconds = Integer.getInteger("bench.writeSeconds", 20);
        System.setProperty("spring.main.banner-mode", "off");
        System.setProperty("spring.main.log-startup-info", "false");
        Database database = Database.start();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PestleApplication.class)
                .initializers(database.initializer())
                .run("--server.port=0", "--logging.level.root=warn", "--logging.level.org.testcontainers=off",
                        "--pestle.patients.rotation.worker-enabled=false",
                        "--camunda.bpm.job-execution.enabled=false");
        try {
            new Run(app, database).run(records, samples, writeSeconds);
        } finally {
            app.close();
        }
        System.exit(0);
    }

    /** The benchmark's PostgreSQL: TEST_DB_URL if set, else an embedded server in its own data folder. */
    record Database(TestDatabase.Server server, String settings) {

        static Database start() throws Exception {
            String external = System.getenv("TEST_DB_URL");
            if (external != null && !external.isBlank()) {
                return new Database(TestDatabase.get(), "as configured on the TEST_DB_URL server");
            }
            Path dir = Path.of("target", "benchmark-audit-pg").toAbsolutePath();
            Files.createDirectories(dir);
            Map<String, String> config = new LinkedHashMap<>();
            config.put("max_connections", "100");
            config.put("shared_buffers", "2GB");
            config.put("effective_cache_size", "12GB");
            config.put("maintenance_work_mem", "1GB");
            config.put("work_mem", "32MB");
            config.put("max_wal_size", "16GB");
            config.put("checkpoint_timeout", "30min");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dir)
                    .setCleanDataDirectory(true).setPGStartupWait(java.time.Duration.ofSeconds(60));
            config.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (Exception ignored) {
                    // ending anyway
                }
            }));
            String adminUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            String name = "pestle_audit_bench";
            DatabaseBootstrap.ensureDatabase(adminUrl, "postgres", "", name, TestDatabase.OWNER, TestDatabase.APP);
            return new Database(new TestDatabase.Server(DatabaseBootstrap.withDatabase(adminUrl, name), "postgres",
                    ""), "embedded PostgreSQL 15 in " + dir + ", tuned: " + config
                            + " (synchronous_commit and planner costs left at their defaults)");
        }

        ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
            if (System.getenv("TEST_DB_URL") != null && !System.getenv("TEST_DB_URL").isBlank()) {
                return new TestDatabaseInitializer();
            }
            return context -> {
                TestPropertyValues.of("pestle.db.embedded=false", "pestle.db.url=" + server.url(),
                        "pestle.db.owner-username=" + TestDatabase.OWNER.username(),
                        "pestle.db.owner-password=" + TestDatabase.OWNER.password(),
                        "pestle.db.app-username=" + TestDatabase.APP.username(),
                        "pestle.db.app-password=" + TestDatabase.APP.password(),
                        "pestle.patients.keys.dir=" + TestDatabase.keysDirectory()).applyTo(context);
                TestPropertyValues.of(ProviderStandIns.properties()).applyTo(context);
            };
        }

        Connection superuser() throws Exception {
            return DriverManager.getConnection(server.url(), server.superuser(), server.superuserPassword());
        }
    }

    // ------------------------------------------------------------------------------- the synthetic trail

    /** A user who appears in the trail: name, roles (as audit_append stores them), clinic, weight of activity. */
    record User(String name, String roles, int clinic, boolean pharmacySide) {
    }

    /** The population the records are drawn from; deterministic. */
    static final class World {
        static final int CLINICS = 60;
        static final int PATIENTS = 400_000;
        static final UUID PHARMACY_ORG = UUID.fromString("00000000-0000-4000-8000-000000000001");
        final UUID[] clinics = new UUID[CLINICS];
        final UUID[] clinicOrgs = new UUID[CLINICS];
        final double[] clinicWeight = new double[CLINICS];
        final int[] patientClinic = new int[PATIENTS];
        final UUID[] patients = new UUID[PATIENTS];
        final List<User> pharmacyUsers = new ArrayList<>();
        final List<List<User>> clinicUsers = new ArrayList<>();
        final User privacyOfficer = new User("privacy.officer.1", "PRIVACY_OFFICER", -1, true);
        final User rareAdmin = new User("pharmacy.admin.3", "PHARMACY_ADMIN", -1, true);
        final String[] systemActors = {"system:camunda", "system:refill-reminders", "system:key-rotation",
            "system:payments-sync"};

        World() {
            SplittableRandom random = new SplittableRandom(42);
            for (int c = 0; c < CLINICS; c++) {
                clinics[c] = UUID.fromString(String.format("c1000000-0000-4000-8000-%012x", c));
                // the biggest clinic is the demo's Northside and the smallest Lakeside, so that the demo
                // users of those clinics can read the activity feed of a busy and of a quiet clinic
                if (c == 0) {
                    clinics[c] = Demo.NORTHSIDE;
                } else if (c == CLINICS - 1) {
                    clinics[c] = Demo.LAKESIDE;
                }
                clinicOrgs[c] = UUID.fromString(String.format("0a000000-0000-4000-8000-%012x", c / 3));
                clinicWeight[c] = 1.0 / (c + 2); // a few big clinics, a long tail of small ones
                List<User> staff = new ArrayList<>();
                int prescribers = 2 + random.nextInt(8);
                for (int i = 0; i < prescribers; i++) {
                    staff.add(new User("dr." + c + "." + i, "PRESCRIBER", c, false));
                }
                for (int i = 0; i < 3 + random.nextInt(10); i++) {
                    staff.add(new User("staff." + c + "." + i, "CLINIC_STAFF", c, false));
                }
                staff.add(new User("clinic.admin." + c, c % 4 == 0 ? "CLINIC_ADMIN,PRESCRIBER" : "CLINIC_ADMIN", c, false));
                clinicUsers.add(staff);
            }
            normalize(clinicWeight);
            for (int i = 0; i < 30; i++) {
                pharmacyUsers.add(new User("pharmacist." + i, i < 3 ? "PHARMACIST,PHARMACY_ADMIN" : "PHARMACIST", -1,
                        true));
            }
            for (int i = 0; i < 45; i++) {
                pharmacyUsers.add(new User("technician." + i, "PHARMACY_TECHNICIAN", -1, true));
            }
            for (int i = 0; i < 6; i++) {
                pharmacyUsers.add(new User("operator." + i, "OPERATOR", -1, true));
            }
            for (int p = 0; p < PATIENTS; p++) {
                patientClinic[p] = pickClinic(random);
                patients[p] = UUID.fromString(String.format("e0000000-0000-4000-8000-%012x", p));
            }
        }

        int pickClinic(SplittableRandom random) {
            double x = random.nextDouble();
            for (int c = 0; c < CLINICS; c++) {
                x -= clinicWeight[c];
                if (x <= 0) {
                    return c;
                }
            }
            return CLINICS - 1;
        }

        /** Skewed: a few patients (chronic, frequent refills) have many records, most have a few. */
        int pickPatient(SplittableRandom random) {
            double x = random.nextDouble();
            return (int) (PATIENTS * x * x * x);
        }

        UUID patient(int p) {
            return patients[p];
        }

        /** Skewed pick among users: the first ones work much more than the last ones. */
        User pharmacyUser(SplittableRandom random) {
            double x = random.nextDouble();
            return pharmacyUsers.get((int) (pharmacyUsers.size() * x * x));
        }

        User clinicUser(SplittableRandom random, int clinic) {
            List<User> staff = clinicUsers.get(clinic);
            double x = random.nextDouble();
            return staff.get((int) (staff.size() * x * x));
        }

        private static void normalize(double[] weights) {
            double sum = Arrays.stream(weights).sum();
            for (int i = 0; i < weights.length; i++) {
                weights[i] /= sum;
            }
        }
    }

    /** One generated record (the columns of audit_record but the hashes). */
    static final class Row {
        long seq;
        long micros;
        String actor;
        String role;
        String onBehalfOf;
        UUID organization;
        UUID clinic;
        String action;
        String entityType;
        String entityId;
        UUID patient;
        String outcome;
        String address;
        String reason;
        String details;
    }

    static final String[] ELEMENTS = {"[\"name\", \"dateOfBirth\"]", "[\"name\", \"dateOfBirth\", \"allergies\"]",
        "[\"name\", \"dateOfBirth\", \"phone\", \"address\"]", "[\"allergies\", \"clinicalNotes\"]"};
    static final String[] TASKS = {"review-order", "verify-prescription", "compound", "check-compound", "ship",
        "resolve-payment"};

    /** Fills the row with record number seq (deterministic for a seed): the mix of a busy pharmacy. */
    static void generate(World world, SplittableRandom random, Row row) {
        row.onBehalfOf = null;
        row.reason = null;
        row.outcome = "success";
        int p = world.pickPatient(random);
        int clinic = world.patientClinic[p];
        row.clinic = world.clinics[clinic];
        row.organization = world.clinicOrgs[clinic];
        row.patient = world.patient(p);
        String order = "o-" + Long.toString(p * 37L + random.nextInt(12), 36);
        double x = random.nextDouble() * 100;
        User user = random.nextInt(100) < 55 ? world.pharmacyUser(random) : world.clinicUser(random, clinic);
        if (x < 30) {
            row.action = "patient.viewed";
            row.entityType = "patient";
            row.entityId = row.patient.toString();
            row.details = "{\"elements\": " + ELEMENTS[random.nextInt(ELEMENTS.length)] + "}";
            if (random.nextInt(1000) < 3) {
                row.outcome = "denied";
            }
        } else if (x < 56) {
            String[] verbs = {"task.created", "task.updated", "task.completed"};
            row.action = verbs[random.nextInt(3)];
            if (row.action.equals("task.created")) {
                user = null;
            }
            row.entityType = "task";
            row.entityId = Long.toString(random.nextLong() & 0xffffffffffL, 36);
            row.details = "{\"task\": \"" + TASKS[random.nextInt(TASKS.length)] + "\", \"order\": \"" + order + "\"}";
        } else if (x < 65) {
            row.action = random.nextBoolean() ? "process.started" : "process.ended";
            user = random.nextInt(3) == 0 ? user : null;
            row.entityType = "process";
            row.entityId = Long.toString(random.nextLong() & 0xffffffffffL, 36);
            row.details = "{\"order\": \"" + order + "\", \"process\": \"order-fulfilment\"}";
        } else if (x < 71) {
            row.action = "decision.evaluated";
            user = null;
            row.entityType = "decision";
            row.entityId = "order-checks:" + (3 + random.nextInt(4));
            row.details = "{\"order\": \"" + order + "\", \"rules\": [\"r" + random.nextInt(20) + "\"]}";
        } else if (x < 76) {
            row.action = random.nextInt(40) == 0 ? "order.rejected" : "order.approved";
            user = world.pharmacyUsers.get(random.nextInt(30));
            row.entityType = "order";
            row.entityId = order;
            row.details = "{}";
        } else if (x < 80) {
            row.action = random.nextInt(4) == 0 ? "patient.created" : "patient.changed";
            row.entityType = "patient";
            row.entityId = row.patient.toString();
            row.details = "{\"fields\": [\"phone\"]}";
        } else if (x < 81.5) {
            row.action = "camunda.operation";
            row.entityType = "task";
            row.entityId = Long.toString(random.nextLong() & 0xffffffffffL, 36);
            row.details = "{\"operation\": \"Claim\"}";
        } else {
            // sign-ins: no patient, no entity but the user
            row.patient = null;
            boolean failed = random.nextInt(100) < 6;
            row.action = failed ? "login.failed" : "login.succeeded";
            row.outcome = failed ? "failed" : "success";
            row.entityType = "user";
            row.details = "{}";
            if (user.pharmacySide()) {
                row.clinic = null;
                row.organization = World.PHARMACY_ORG;
            }
            row.entityId = user.name();
        }
        // rare actors and actions, a few per ten thousand
        int rare = random.nextInt(100_000);
        if (rare < 3) {
            user = world.privacyOfficer;
            row.action = "patient.exported";
            row.entityType = "patient";
            row.patient = world.patient(p);
            row.entityId = row.patient.toString();
            row.reason = "records request";
            row.details = "{\"format\": \"pdf\"}";
        } else if (rare < 5) {
            user = world.rareAdmin;
            row.action = "permissions.changed";
            row.entityType = "permission-matrix";
            row.entityId = "matrix";
            row.patient = null;
            row.clinic = null;
            row.organization = World.PHARMACY_ORG;
            row.details = "{\"role\": \"PHARMACY_TECHNICIAN\"}";
        } else if (rare < 6) {
            user = world.rareAdmin;
            row.action = "audit.exported";
            row.entityType = "audit";
            row.entityId = null;
            row.patient = null;
            row.clinic = null;
            row.organization = World.PHARMACY_ORG;
            row.details = "{\"records\": 120}";
        }
        if (user == null) {
            row.actor = world.systemActors[random.nextInt(10) < 8 ? 0 : 1 + random.nextInt(3)];
            row.role = null;
            row.address = null;
        } else {
            row.actor = user.name();
            row.role = user.roles();
            row.address = "10." + (user.name().hashCode() & 0x7f) + "." + random.nextInt(4) + "." + (1 + random
                    .nextInt(250));
        }
    }

    /** jsonb's text of audit_canonical(row): a JSON array, ", " between elements. */
    static String canonical(Row r) {
        StringBuilder s = new StringBuilder(400);
        s.append('[').append(r.seq).append(", ");
        string(s, CANONICAL_TIME.format(Instant.EPOCH.plus(r.micros, ChronoUnit.MICROS))).append(", ");
        string(s, r.actor).append(", ");
        string(s, r.role).append(", ");
        string(s, r.onBehalfOf).append(", ");
        string(s, r.organization).append(", ");
        string(s, r.clinic).append(", ");
        string(s, r.action).append(", ");
        string(s, r.entityType).append(", ");
        string(s, r.entityId).append(", ");
        string(s, r.patient).append(", ");
        string(s, r.outcome).append(", ");
        string(s, r.address).append(", ");
        string(s, r.reason).append(", ");
        return s.append(r.details).append(']').toString();
    }

    /** A JSON string (the generated values hold no characters that need escaping) or null. */
    private static StringBuilder string(StringBuilder s, Object value) {
        return value == null ? s.append("null") : s.append('"').append(value).append('"');
    }

    // ------------------------------------------------------------------------------------------ the run

    private static final class Run {

        private final Database database;
        private final AuditSearch search;
        private final AuditRecords audit;
        private final TransactionTemplate transactions;
        private final JdbcClient jdbc;
        private final UserDetails admin;
        private final UserDetails pharmacist;
        private final World world = new World();
        private final List<String> table = new ArrayList<>();
        private long loadedFrom;
        private long loadedTo;

        Run(ConfigurableApplicationContext app, Database database) {
            this.database = database;
            this.search = app.getBean(AuditSearch.class);
            this.audit = app.getBean(AuditRecords.class);
            this.transactions = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
            this.jdbc = app.getBean(JdbcClient.class);
            UserDetailsService users = app.getBean(UserDetailsService.class);
            this.admin = users.loadUserByUsername(Demo.ADMIN);
            this.pharmacist = users.loadUserByUsername(Demo.PHARMACIST);
            this.users = users;
            this.feed = app.getBean(org.pestle.audit.ActivityFeed.class);
        }

        private final UserDetailsService users;
        private final org.pestle.audit.ActivityFeed feed;

        void run(long records, int samples, int writeSeconds) throws Exception {
            System.out.printf(Locale.ROOT, "%nAudit trail benchmark: %,d records, %d cores, %s%nDatabase: %s%n",
                    records, Runtime.getRuntime().availableProcessors(), Instant.now(), database.settings());
            load(records);
            searches(samples);
            feeds(samples);
            writes(1, writeSeconds);
            writes(8, writeSeconds);
            // one walk over the whole trail checks the loaded records and the appended ones
            if (!"false".equals(System.getProperty("bench.verify"))) {
                table.add("");
                line("verify the whole trail (AuditRecords.verify)", verify());
            }
            System.out.printf(Locale.ROOT, "%n==== Audit trail benchmark: results ====%n");
            table.forEach(System.out::println);
        }

        private void line(String label, String value) {
            String text = String.format(Locale.ROOT, "%-58s %s", label, value);
            table.add(text);
            System.out.println(text);
        }

        // ---------------------------------------------------------------------------------- load

        private void load(long records) throws Exception {
            // The trail starts with the loaded records: the few that booting the application wrote (at
            // the current time) are removed by the owner's declared maintenance, and the chain restarts.
            try (Connection owner = DriverManager.getConnection(database.server().url(),
                    TestDatabase.OWNER.username(), TestDatabase.OWNER.password()); Statement sql = owner
                            .createStatement()) {
                sql.execute("begin");
                sql.execute("set local pestle.scope = 'system'");
                sql.execute("set local pestle.audit_maintenance = 'on'");
                sql.execute("select seq from audit_chain_head for update");
                sql.execute("delete from audit_record");
                sql.execute("update audit_chain_head set seq = 0, hash = decode(repeat('00', 32), 'hex'), "
                        + "recorded_at = null, horizon_seq = null, horizon_xid = null");
                sql.execute("commit");
            }
            try (Connection db = database.superuser()) {
                db.setAutoCommit(false);
                long start = System.nanoTime();
                long seq;
                byte[] hash;
                try (Statement st = db.createStatement();
                        ResultSet head = st.executeQuery("select seq, hash from audit_chain_head for update")) {
                    head.next();
                    seq = head.getLong(1);
                    hash = head.getBytes(2);
                }
                List<String> indexes = new ArrayList<>();
                try (Statement st = db.createStatement()) {
                    List<String> names = new ArrayList<>();
                    try (ResultSet rs = st.executeQuery("""
                            select i.indexname, i.indexdef from pg_indexes i
                            where i.tablename = 'audit_record' and i.schemaname = current_schema()
                              and i.indexname not in (select conname from pg_constraint)""")) {
                        while (rs.next()) {
                            names.add(rs.getString(1));
                            indexes.add(rs.getString(2));
                        }
                    }
                    for (String name : names) {
                        st.execute("drop index " + name);
                    }
                }
                loadedFrom = seq + 1;
                CopyIn copy = db.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                        copy audit_record (seq, recorded_at, actor, actor_role, on_behalf_of, organization_id,
                            clinic_id, action, entity_type, entity_id, patient_id, outcome, source_address, reason,
                            details, previous_hash, hash) from stdin""");
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                SplittableRandom random = new SplittableRandom(7);
                Row row = new Row();
                ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 21);
                StringBuilder line = new StringBuilder(700);
                long startMicros = START.toEpochMilli() * 1000;
                long span = (END.toEpochMilli() - START.toEpochMilli()) * 1000;
                double meanGap = (double) span / records;
                long micros = startMicros;
                for (long i = 0; i < records; i++) {
                    row.seq = ++seq;
                    micros += 1 + (long) (-Math.log(1 - random.nextDouble()) * meanGap);
                    row.micros = micros;
                    generate(world, random, row);
                    sha.update(hash);
                    byte[] next = sha.digest(canonical(row).getBytes(StandardCharsets.UTF_8));
                    line.setLength(0);
                    line.append(row.seq).append('\t')
                            .append(COPY_TIME.format(Instant.EPOCH.plus(row.micros, ChronoUnit.MICROS))).append('\t');
                    field(line, row.actor).append('\t');
                    field(line, row.role).append('\t');
                    field(line, row.onBehalfOf).append('\t');
                    field(line, row.organization).append('\t');
                    field(line, row.clinic).append('\t');
                    field(line, row.action).append('\t');
                    field(line, row.entityType).append('\t');
                    field(line, row.entityId).append('\t');
                    field(line, row.patient).append('\t');
                    field(line, row.outcome).append('\t');
                    field(line, row.address).append('\t');
                    field(line, row.reason).append('\t');
                    field(line, row.details).append('\t');
                    line.append("\\\\x").append(HexFormat.of().formatHex(hash)).append('\t');
                    line.append("\\\\x").append(HexFormat.of().formatHex(next)).append('\n');
                    buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
                    hash = next;
                    if (buffer.size() > (1 << 20)) {
                        copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                        buffer.reset();
                    }
                    if ((i + 1) % 1_000_000 == 0) {
                        System.out.printf(Locale.ROOT, "  loaded %,d records (%.0f s)%n", i + 1,
                                (System.nanoTime() - start) / 1e9);
                    }
                }
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                copy.endCopy();
                loadedTo = seq;
                double copied = (System.nanoTime() - start) / 1e9;
                try (Statement st = db.createStatement()) {
                    st.executeUpdate("update audit_chain_head set seq = " + seq + ", hash = '\\x"
                            + HexFormat.of().formatHex(hash) + "', recorded_at = (select recorded_at from audit_record"
                            + " where seq = " + seq + "), horizon_seq = null, horizon_xid = null");
                    // records loaded as sealed before V56 (dense numbers, no previous_seq); new ones follow
                    st.execute("select setval('audit_record_seq', " + seq + ")");
                }
                long indexStart = System.nanoTime();
                try (Statement st = db.createStatement()) {
                    st.execute("set maintenance_work_mem = '1GB'");
                    for (String index : indexes) {
                        st.execute(index);
                    }
                }
                double indexed = (System.nanoTime() - indexStart) / 1e9;
                db.commit();
                double total = (System.nanoTime() - start) / 1e9;
                db.setAutoCommit(true);
                long vacuumStart = System.nanoTime();
                try (Statement st = db.createStatement()) {
                    st.execute("vacuum (analyze) audit_record");
                }
                double vacuumed = (System.nanoTime() - vacuumStart) / 1e9;
                line(String.format(Locale.ROOT, "load %,d records (COPY, Java-computed chain)", records),
                        String.format(Locale.ROOT, "%7.1f s  (COPY %.1f s = %,.0f records/s; %d indexes rebuilt %.1f s)",
                                total, copied, records / copied, indexes.size(), indexed));
                line("vacuum (analyze) after the load", String.format(Locale.ROOT, "%7.1f s", vacuumed));
                try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                        "select pg_size_pretty(pg_table_size('audit_record')), "
                                + "pg_size_pretty(pg_indexes_size('audit_record')), count(*) from audit_record")) {
                    rs.next();
                    line("audit_record size", String.format(Locale.ROOT, "table %s, indexes %s, %,d rows",
                            rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }

        private static StringBuilder field(StringBuilder line, Object value) {
            return value == null ? line.append("\\N") : line.append(value);
        }

        private String verify() {
            long start = System.nanoTime();
            ChainVerification result = audit.verify();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!result.intact()) {
                throw new IllegalStateException("The chain does not verify: " + result);
            }
            return String.format(Locale.ROOT, "%7.1f s  (%,d records intact, %,.0f records/s)", seconds,
                    result.recordsChecked(), result.recordsChecked() / seconds);
        }

        // -------------------------------------------------------------------------------- search

        private void searches(int samples) {
            System.out.printf(Locale.ROOT, "%nSearch latency as the signed-in admin, %d samples each, page of 50 "
                    + "(ms):%n", samples);
            table.add("");
            table.add(String.format(Locale.ROOT, "search (AuditSearch as signed-in admin, page 50)      samples"
                    + "     p50      p95      p99      max   rows/page"));
            long mid = (loadedFrom + loadedTo) / 2;
            SplittableRandom random = new SplittableRandom(99);
            Instant end = END;
            // frequent and rare values
            List<String> busyActors = List.of("pharmacist.0", "pharmacist.1", "technician.0", "system:camunda");
            List<String> quietActors = List.of(world.privacyOfficer.name(), world.rareAdmin.name(),
                    "clinic.admin.55", "dr.58.0", "staff.59.1");
            int[] hot = {0, 1, 2, 3, 4, 5, 10, 20, 50, 100};
            scenario("none (newest first)", samples, () -> filter(b -> { }));
            scenario("none, deep page (before = middle seq)", samples, () -> filter(b -> b.before = mid - random
                    .nextInt(1000)));
            scenario("actor, busy", samples, () -> filter(b -> b.actor = pick(random, busyActors)));
            scenario("actor, rare", samples, () -> filter(b -> b.actor = pick(random, quietActors)));
            scenario("actor, busy, deep page", samples, () -> filter(b -> {
                b.actor = pick(random, busyActors);
                b.before = mid;
            }));
            scenario("role, common (PHARMACY_TECHNICIAN)", samples,
                    () -> filter(b -> b.role = "PHARMACY_TECHNICIAN"));
            scenario("role, rare (PRIVACY_OFFICER)", samples, () -> filter(b -> b.role = "PRIVACY_OFFICER"));
            scenario("role, in a pair (PHARMACY_ADMIN)", samples, () -> filter(b -> b.role = "PHARMACY_ADMIN"));
            scenario("role, common, deep page", samples, () -> filter(b -> {
                b.role = "PRESCRIBER";
                b.before = mid;
            }));
            scenario("action, common (patient.viewed)", samples, () -> filter(b -> b.action = "patient.viewed"));
            scenario("action, rare (permissions.changed)", samples,
                    () -> filter(b -> b.action = "permissions.changed"));
            scenario("action, rare, deep page", samples, () -> filter(b -> {
                b.action = "patient.exported";
                b.before = mid;
            }));
            scenario("entity (type + id), an order", samples, () -> filter(b -> {
                b.entityType = "order";
                b.entityId = "o-" + Long.toString(random.nextInt(World.PATIENTS / 50) * 37L + random.nextInt(12), 36);
            }));
            scenario("entity (type + id), a patient", samples, () -> filter(b -> {
                b.entityType = "patient";
                b.entityId = world.patient(random.nextInt(World.PATIENTS)).toString();
            }));
            scenario("entity type only (user)", samples, () -> filter(b -> b.entityType = "user"));
            scenario("patient, frequent", samples, () -> filter(b -> b.patient = world.patient(hot[random.nextInt(
                    hot.length)])));
            scenario("patient, random", samples, () -> filter(b -> b.patient = world.patient(random.nextInt(
                    World.PATIENTS))));
            scenario("clinic, big", samples, () -> filter(b -> b.clinic = world.clinics[random.nextInt(3)]));
            scenario("clinic, small", samples, () -> filter(b -> b.clinic = world.clinics[57 + random.nextInt(3)]));
            scenario("clinic, big, deep page", samples, () -> filter(b -> {
                b.clinic = world.clinics[random.nextInt(3)];
                b.before = mid;
            }));
            scenario("outcome, common (success)", samples, () -> filter(b -> b.outcome = "success"));
            scenario("outcome, rare (denied)", samples, () -> filter(b -> b.outcome = "denied"));
            scenario("outcome, rare (denied), deep page", samples, () -> filter(b -> {
                b.outcome = "denied";
                b.before = mid;
            }));
            scenario("time, last 24 hours", samples, () -> filter(b -> {
                b.from = end.minus(1, ChronoUnit.DAYS);
                b.to = end;
            }));
            scenario("time, one day a year ago", samples, () -> filter(b -> {
                b.from = end.minus(365 + random.nextInt(30), ChronoUnit.DAYS);
                b.to = b.from.plus(1, ChronoUnit.DAYS);
            }));
            scenario("time, one month a year ago", samples, () -> filter(b -> {
                b.from = end.minus(365 + random.nextInt(30), ChronoUnit.DAYS);
                b.to = b.from.plus(30, ChronoUnit.DAYS);
            }));
            scenario("time, first year (wide, old)", samples, () -> filter(b -> {
                b.from = START.minus(1, ChronoUnit.DAYS);
                b.to = START.plus(365, ChronoUnit.DAYS);
            }));
            scenario("combo: patient + action patient.viewed", samples, () -> filter(b -> {
                b.patient = world.patient(random.nextInt(2000));
                b.action = "patient.viewed";
            }));
            scenario("combo: actor + time (one week a year ago)", samples, () -> filter(b -> {
                b.actor = pick(random, busyActors);
                b.from = end.minus(365 + random.nextInt(30), ChronoUnit.DAYS);
                b.to = b.from.plus(7, ChronoUnit.DAYS);
            }));
            scenario("combo: clinic + outcome denied", samples, () -> filter(b -> {
                b.clinic = world.clinics[random.nextInt(10)];
                b.outcome = "denied";
            }));
            scenario("combo: role PRESCRIBER + action order.approved (none)", samples, () -> filter(b -> {
                b.role = "PRESCRIBER";
                b.action = "order.approved";
            }));
            scenario("combo: clinic + action + last 30 days", samples, () -> filter(b -> {
                b.clinic = world.clinics[random.nextInt(20)];
                b.action = "patient.changed";
                b.from = end.minus(30, ChronoUnit.DAYS);
                b.to = end;
            }));
        }

        private static <T> T pick(SplittableRandom random, List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        /** A mutable builder of AuditSearch.Filter for the scenarios. */
        static final class FilterBuilder {
            String actor;
            String role;
            String action;
            String entityType;
            String entityId;
            UUID patient;
            UUID clinic;
            String outcome;
            Instant from;
            Instant to;
            Long before;
        }

        private static AuditSearch.Filter filter(java.util.function.Consumer<FilterBuilder> setup) {
            FilterBuilder b = new FilterBuilder();
            setup.accept(b);
            return new AuditSearch.Filter(b.actor, b.role, b.action, b.entityType, b.entityId, b.patient, b.clinic,
                    b.outcome, b.from, b.to, b.before, 50);
        }

        /**
         * The start page's activity feed (20 lines) as each kind of viewer reads it: pharmacy-side users
         * over the whole trail, a clinic admin of the busiest clinic (Northside) and a prescriber of the
         * quietest (Lakeside), both under row-level security.
         */
        private void feeds(int samples) {
            System.out.printf(Locale.ROOT, "%nActivity feed, 20 lines, %d samples each (ms):%n", samples);
            table.add("");
            table.add(String.format(Locale.ROOT, "activity feed (RecentActivity, 20 lines)              samples"
                    + "     p50      p95      p99      max   lines"));
            for (String viewer : List.of(Demo.PHARMACIST, Demo.ADMIN, Demo.PRIVACY, Demo.CLINIC_ADMIN, Demo.OKAFOR)) {
                signIn(users.loadUserByUsername(viewer));
                try {
                    org.pestle.identity.Actor actor = org.pestle.identity.CurrentActor.require();
                    for (int i = 0; i < 3; i++) {
                        feed.recent(actor, 20);
                    }
                    long[] nanos = new long[samples];
                    long lines = 0;
                    for (int n = 0; n < samples; n++) {
                        long t = System.nanoTime();
                        lines += feed.recent(actor, 20).size();
                        nanos[n] = System.nanoTime() - t;
                    }
                    Arrays.sort(nanos);
                    String text = String.format(Locale.ROOT, "  %-52s %6d %8.1f %8.1f %8.1f %8.1f %8.1f%s",
                            "feed of " + viewer, samples, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99),
                            nanos[samples - 1] / 1e6, (double) lines / samples, ms(nanos, 0.95) < 100 ? "" : "   > 100 ms");
                    table.add(text);
                    System.out.println(text);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            }
        }

        private void scenario(String label, int samples, Supplier<AuditSearch.Filter> filters) {
            signIn(admin);
            try {
                for (int i = 0; i < 3; i++) {
                    search.search(filters.get());
                }
                long[] nanos = new long[samples];
                long rows = 0;
                int n = 0;
                long deadline = System.nanoTime() + 60_000_000_000L;
                for (; n < samples && (n < 10 || System.nanoTime() < deadline); n++) {
                    AuditSearch.Filter filter = filters.get();
                    long t = System.nanoTime();
                    rows += search.search(filter).records().size();
                    nanos[n] = System.nanoTime() - t;
                }
                long[] taken = Arrays.copyOf(nanos, n);
                Arrays.sort(taken);
                String text = String.format(Locale.ROOT, "  %-52s %6d %8.1f %8.1f %8.1f %8.1f %8.1f%s", label, n,
                        ms(taken, 0.50), ms(taken, 0.95), ms(taken, 0.99), taken[n - 1] / 1e6, (double) rows / n,
                        ms(taken, 0.95) < 100 ? "" : "   > 100 ms");
                table.add(text);
                System.out.println(text);
                if (ms(taken, 0.95) >= Double.parseDouble(System.getProperty("bench.explainAboveMs", "100"))) {
                    explain(filters.get());
                }
            } finally {
                SecurityContextHolder.clearContext();
            }
        }

        /** Prints the plan of one search as it runs (EXPLAIN ANALYZE), in the signed-in user's scope. */
        private void explain(AuditSearch.Filter filter) {
            transactions.executeWithoutResult(status -> {
                AuditSearch.Query query = search.prepare(filter);
                if (query == null) {
                    System.out.println("      | (no query: nothing can match)");
                    return;
                }
                jdbc.sql("explain (analyze, buffers) " + query.sql()).params(query.params()).query(String.class)
                        .list().forEach(plan -> System.out.println("      | " + plan));
            });
        }

        private static double ms(long[] sorted, double p) {
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }

        private static void signIn(UserDetails user) {
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        }

        // -------------------------------------------------------------------------------- writes

        private void writes(int writers, int seconds) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            long warmUpEnd = System.nanoTime() + 3_000_000_000L;
            long end = warmUpEnd + seconds * 1_000_000_000L;
            List<Future<long[]>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    signIn(pharmacist);
                    SplittableRandom random = new SplittableRandom(1000 + writer);
                    long[] nanos = new long[1 << 20];
                    int n = 0;
                    try {
                        while (true) {
                            long t = System.nanoTime();
                            if (t >= end) {
                                break;
                            }
                            int p = world.pickPatient(random);
                            UUID patient = world.patient(p);
                            UUID clinic = world.clinics[world.patientClinic[p]];
                            transactions.executeWithoutResult(status -> audit.record(AuditEntry
                                    .of(Demo.PHARMACIST, "patient.viewed", "patient", patient).withPatient(patient)
                                    .withClinic(world.clinicOrgs[world.patientClinic[p]], clinic)
                                    .withDetails(Map.of("elements", List.of("name", "dateOfBirth")))));
                            if (t >= warmUpEnd && n < nanos.length) {
                                nanos[n++] = System.nanoTime() - t;
                            }
                        }
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                    return Arrays.copyOf(nanos, n);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> future : futures) {
                all.add(future.get());
            }
            pool.shutdown();
            long[] nanos = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            if (writers == 1) {
                table.add("");
                table.add("appends (AuditRecords.record, 1 per transaction, as signed-in pharmacist)"
                        + "   records/s      p50      p95      p99      max");
            }
            String text = String.format(Locale.ROOT, "  %d writer%-2s (%d s after 3 s warm-up, %,d records)%18s %9.0f %8.2f "
                    + "%8.2f %8.2f %8.1f", writers, writers == 1 ? "" : "s", seconds, nanos.length, "",
                    nanos.length / (double) seconds, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99),
                    nanos[nanos.length - 1] / 1e6);
            table.add(text);
            System.out.println(text);
        }
    }
}
