package org.pestle.patients.internal;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.pestle.PestleApplication;
import org.pestle.identity.Actor;
import org.pestle.identity.Role;
import org.pestle.patients.internal.PatientCodec.Stored;
import org.pestle.patients.internal.PatientKeys.Snapshot;
import org.pestle.patients.internal.PatientRequests.NewPatient;
import org.pestle.patients.internal.PatientRequests.PatientSearch;
import org.pestle.support.Demo;
import org.pestle.support.TestDatabaseInitializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Patient records benchmark (not part of ./mvnw verify): {@code ./mvnw -Pbenchmark-patients verify}.
 * Boots the application on a fresh PostgreSQL (as the tests do) and prints:
 * <ol>
 * <li>encrypt + insert: patients created through the service (permission check, duplicate check
 * under its lock, sealing seven fields, three blind-index tokens, insert), by concurrent clients;
 * and the bulk path (1,000 rows per transaction) that loads the search data;</li>
 * <li>read + decrypt: single reads through the service by concurrent clients, and pages of 1,000
 * rows decrypted whole (the export path);</li>
 * <li>blind-index search latency with the table grown to the search size: by phone, by date of
 * birth, by full name, p50/p95/p99.</li>
 * </ol>
 */
public final class PatientRecordsBenchmark {

    static final Actor PHARMACIST = new Actor(UUID.fromString("00000000-0000-4000-8000-0000000000a1"),
            Demo.PHARMACIST, UUID.fromString("00000000-0000-4000-8000-000000000001"), Set.of(Role.PHARMACIST),
            Set.of());
    static final Actor PRESCRIBER = new Actor(UUID.fromString("00000000-0000-4000-8000-0000000000b1"), Demo.REYES,
            UUID.fromString("00000000-0000-4000-8000-000000000002"), Set.of(Role.PRESCRIBER), Set.of(Demo.NORTHSIDE));
    static final List<UUID> CLINICS = List.of(Demo.NORTHSIDE, Demo.LAKESIDE, Demo.SUMMIT);
    static final String[] FIRST = {"Ada", "Bram", "Cleo", "Dmitri", "Elif", "Farah", "Goran", "Hana", "Ivo", "Jun",
        "Kemal", "Lena", "Mateo", "Nia", "Oskar", "Pia", "Quentin", "Rosa", "Sven", "Talia"};
    static final String[] LAST = {"Abbott", "Becker", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat",
        "Ivanova", "Jansen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato"};

    private PatientRecordsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int patients = Integer.getInteger("bench.patients", 100_000);
        int searchPatients = Integer.getInteger("bench.searchPatients", 1_000_000);
        int clients = Integer.getInteger("bench.clients", 4);
        int searches = Integer.getInteger("bench.searches", 2_000);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PestleApplication.class)
                .initializers(new TestDatabaseInitializer())
                .run("--server.port=0", "--pestle.patients.rotation.worker-enabled=false", "--logging.level.root=warn",
                        "--camunda.bpm.job-execution.enabled=false",
                        "--pestle.patients.keys.dir=" + Files.createTempDirectory("pestle-bench-keys"));
        try {
            new Run(app, clients).run(patients, searchPatients, searches);
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private static final class Run {

        private final PatientRecords records;
        private final PatientRows rows;
        private final PatientKeys keys;
        private final TransactionTemplate transactions;
        private final JdbcClient jdbc;
        private final int clients;
        private final List<String[]> sample = new ArrayList<>();

        Run(ConfigurableApplicationContext app, int clients) {
            this.records = app.getBean(PatientRecords.class);
            this.rows = app.getBean(PatientRows.class);
            this.keys = app.getBean(PatientKeys.class);
            this.transactions = app.getBean(TransactionTemplate.class);
            this.jdbc = app.getBean(JdbcClient.class);
            this.clients = clients;
        }

        void run(int patients, int searchPatients, int searches) throws Exception {
            System.out.printf(Locale.ROOT, "%nPatient records benchmark: %,d patients, search on %,d, %d clients, "
                    + "%d cores%n", patients, searchPatients, clients, Runtime.getRuntime().availableProcessors());
            warmUp();

            long start = System.nanoTime();
            List<UUID> created = new java.util.concurrent.CopyOnWriteArrayList<>();
            parallel(patients, i -> created.add(records.create(PHARMACIST, newPatient(i)).id()));
            rate("encrypt + insert, service (create)", patients, start);

            int bulk = Math.min(patients, Math.max(0, searchPatients - count()));
            start = System.nanoTime();
            bulkInsert(bulk, 1_000_000);
            rate("encrypt + insert, bulk (JDBC batches of 1,000)", bulk, start);

            start = System.nanoTime();
            AtomicInteger read = new AtomicInteger();
            parallel(created.size(), i -> read.addAndGet(records.read(PHARMACIST, created.get(i)).isPresent() ? 1 : 0));
            rate("read + decrypt, service (one patient per call)", read.get(), start);

            start = System.nanoTime();
            int decrypted = decryptAll();
            rate("read + decrypt, pages of 1,000 (all seven fields)", decrypted, start);

            int more = searchPatients - count();
            if (more > 0) {
                start = System.nanoTime();
                bulkInsert(more, 2_000_000);
                rate("grow to the search size (bulk)", more, start);
            }
            transactions.executeWithoutResult(status -> jdbc.sql("analyze patient").update());
            System.out.printf(Locale.ROOT, "blind-index search on %,d patients, %,d searches each (ms):%n", count(),
                    searches);
            search("  by phone         (pharmacist, all clinics)", searches, PHARMACIST,
                    s -> new PatientSearch(null, s[2], null, null, null));
            search("  by date of birth (pharmacist, all clinics)", searches, PHARMACIST,
                    s -> new PatientSearch(null, null, s[3], null, null));
            search("  by full name     (pharmacist, all clinics)", searches, PHARMACIST,
                    s -> new PatientSearch(null, null, null, s[0], s[1]));
            search("  by phone         (prescriber, own clinic)", searches, PRESCRIBER,
                    s -> new PatientSearch(null, s[2], null, null, null));
        }

        private void warmUp() throws Exception {
            parallel(500, i -> records.create(PHARMACIST, newPatient(-1 - i)));
        }

        private int count() {
            return transactions.execute(status -> jdbc.sql("select count(*) from patient").query(Integer.class)
                    .single());
        }

        private void bulkInsert(int count, int offset) throws Exception {
            int batches = (count + 999) / 1000;
            parallelBatches(batches, batch -> transactions.executeWithoutResult(status -> {
                Snapshot snapshot = rows.keysForWriting();
                List<PatientRecord> records = new ArrayList<>(1000);
                int from = batch * 1000;
                for (int i = from; i < Math.min(count, from + 1000); i++) {
                    NewPatient p = newPatient(offset + i);
                    UUID clinic = p.clinicId();
                    UUID organization = clinic.equals(Demo.SUMMIT)
                            ? UUID.fromString("00000000-0000-4000-8000-000000000003")
                            : UUID.fromString("00000000-0000-4000-8000-000000000002");
                    records.add(new PatientRecord(UUID.randomUUID(), organization, clinic, p.firstName(),
                            p.lastName(), LocalDate.parse(p.dateOfBirth()), p.phone(), null, p.allergies(),
                            p.clinicalNotes(), null, null, 0));
                }
                rows.insertAll(snapshot, records, "benchmark");
            }));
        }

        private int decryptAll() {
            return transactions.execute(status -> {
                int n = 0;
                Optional<UUID> after = Optional.empty();
                List<Stored> page;
                do {
                    page = rows.page(Optional.empty(), after, 1000);
                    for (Stored row : page) {
                        PatientCodec.open(keys.current(), row, PatientField.DESIGNATED);
                        n++;
                    }
                    after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).id());
                } while (page.size() == 1000);
                return n;
            });
        }

        private void search(String label, int searches, Actor actor,
                java.util.function.Function<String[], PatientSearch> query) {
            List<String[]> candidates = actor == PRESCRIBER
                    ? sample.stream().filter(s -> s[4].equals(Demo.NORTHSIDE.toString())).toList() : sample;
            long[] nanos = new long[searches];
            int found = 0;
            for (int i = 0; i < searches; i++) {
                PatientSearch search = query.apply(candidates.get(i % candidates.size()));
                long t = System.nanoTime();
                found += records.search(actor, search).items().isEmpty() ? 0 : 1;
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%s  p50 %6.2f  p95 %6.2f  p99 %6.2f  max %7.2f   (%d of %d found)%n",
                    label, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99), nanos[searches - 1] / 1e6, found,
                    searches);
        }

        private static double ms(long[] sorted, double p) {
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }

        private static void rate(String label, int count, long startNanos) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            System.out.printf(Locale.ROOT, "%-52s %,10d rows in %7.1f s = %,9.0f rows/s%n", label, count, seconds,
                    count / seconds);
        }

        /** Synthetic patient number i (deterministic); every 500th is kept as a search target. */
        private NewPatient newPatient(int i) {
            java.util.Random random = new java.util.Random(i * 7919L);
            UUID clinic = CLINICS.get(Math.floorMod(i, 3));
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)] + "-" + Integer.toString(Math.abs(i), 36);
            String dateOfBirth = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(27_000)).toString();
            String phone = "+1" + (2_000_000_000L + Math.floorMod(i, 1_000_000_000L)
                    + (i < 0 ? 7_000_000_000L : 0));
            if (i >= 0 && i % 500 == 0) {
                synchronized (sample) {
                    sample.add(new String[] {first, last, phone, dateOfBirth, clinic.toString()});
                }
            }
            return new NewPatient(clinic, first, last, dateOfBirth, phone, null, List.of("penicillin"),
                    "Synthetic benchmark patient");
        }

        private void parallel(int count, IntConsumer task) throws Exception {
            AtomicInteger next = new AtomicInteger();
            runOnClients(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.accept(i);
                }
            });
        }

        private void parallelBatches(int batches, IntConsumer batch) throws Exception {
            parallel(batches, batch);
        }

        private void runOnClients(Runnable work) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(work));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
        }
    }
}
