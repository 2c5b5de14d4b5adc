package org.pestle.patients.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.identity.Actor;
import org.pestle.identity.Role;
import org.pestle.patients.PatientKeysRotated;
import org.pestle.patients.internal.KeyRotation.Outcome;
import org.pestle.patients.internal.KeyRotation.Progress;
import org.pestle.patients.internal.PatientCodec.Stored;
import org.pestle.patients.internal.PatientKeys.Snapshot;
import org.pestle.patients.internal.PatientRequests.NewPatient;
import org.pestle.patients.internal.PatientRequests.PatientChanges;
import org.pestle.patients.internal.PatientRequests.PatientSearch;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.RecordedEvents;
import org.pestle.support.SignedIn;
import org.pestle.platform.DataScope;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Key rotation on the real database: under concurrent writes, after a crash, and through the admin
 * API. "Nothing lost" is checked by the row count and a checksum over every decrypted field of every
 * patient, before and after.
 */
@IntegrationTest
class PatientKeyRotationIntegrationTests {

    static final Actor PHARMACIST = new Actor(UUID.fromString("00000000-0000-4000-8000-0000000000a1"),
            Demo.PHARMACIST, UUID.fromString("00000000-0000-4000-8000-000000000001"), Set.of(Role.PHARMACIST),
            Set.of());
    static final Duration LONG_LEASE = Duration.ofMinutes(5);

    @Autowired
    KeyRotation rotation;

    @Autowired
    KeyRotationWorker worker;

    @Autowired
    PatientRecords records;

    @Autowired
    PatientRows rows;

    @Autowired
    PatientKeys keys;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    UserDetailsService users;

    @Autowired
    DataScope dataScope;

    RecordedEvents events;

    @BeforeEach
    void setUp() {
        events = RecordedEvents.start(context);
        SignedIn.as(users, Demo.PHARMACIST);
    }

    @AfterEach
    void tearDown() {
        events.stop();
        SignedIn.out();
    }

    @Test
    void rotationUnderConcurrentWritesEndsWithEveryRowOnTheNewKeysAndNothingLost() throws Exception {
        createPatients(300);
        Map<UUID, String> expected = new ConcurrentHashMap<>(decryptedRows());
        Snapshot before = keys.current();
        Progress started = rotation.start(Demo.ADMIN, "test-driver", LONG_LEASE);
        assertThat(started.targetFieldKeyId()).isNotEqualTo(Integer.toUnsignedLong(before.aeadPrimary()));
        assertThat(started.rowsTotal()).isEqualTo(expected.size());

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        List<UUID> existing = new ArrayList<>(expected.keySet());
        ExecutorService writers = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                SignedIn.as(users, Demo.PHARMACIST);
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (writing.get()) {
                    if (random.nextBoolean()) {
                        PatientView created = records.create(PHARMACIST, newPatient(random));
                        expected.put(created.id(), fingerprint(created));
                    } else {
                        UUID id = existing.get(random.nextInt(existing.size() / 3) * 3 + writer);
                        PatientView changed = records.update(PHARMACIST, id, new PatientChanges(null, null, null,
                                Optional.of(phone(random)), null, null, Optional.of("note " + random.nextInt())))
                                .orElseThrow();
                        expected.put(id, fingerprint(changed));
                    }
                    writes.incrementAndGet();
                }
                return null;
            }));
        }
        int batches = 0;
        Outcome outcome;
        do {
            outcome = rotation.runBatch("test-driver", LONG_LEASE, 20);
            batches++;
            Thread.sleep(20);
        } while (outcome == Outcome.PROGRESS);
        writing.set(false);
        for (Future<?> future : running) {
            future.get();
        }
        writers.shutdown();

        assertThat(outcome).isEqualTo(Outcome.FINISHED);
        assertThat(writes.get()).as("writes during the rotation").isGreaterThan(20);
        assertThat(batches).isGreaterThan(10);
        Snapshot after = keys.current();
        assertThat(after.aeadKeyIds()).containsExactly((int) started.targetFieldKeyId());
        assertThat(after.indexKeyIds()).containsExactly((int) started.targetIndexKeyId());
        assertThat(system(() -> jdbc.sql("select count(*) from patient where aead_key_id <> ? or bidx_key_id <> ?")
                .params((int) started.targetFieldKeyId(), (int) started.targetIndexKeyId()).query(Long.class).single()))
                .isZero();
        Map<UUID, String> actual = decryptedRows();
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(checksum(actual)).isEqualTo(checksum(expected));
        assertThat(rotation.status().latestRotation().state()).isEqualTo("FINISHED");
        assertThat(events.of(PatientKeysRotated.class)).singleElement().satisfies(rotated -> {
            assertThat(rotated.retiredFieldKeyIds()).containsExactly(Integer.toUnsignedLong(before.aeadPrimary()));
            assertThat(rotated.retiredIndexKeyIds()).containsExactly(Integer.toUnsignedLong(before.indexPrimary()));
        });
        String changedPhone = expected.values().stream().filter(f -> f.contains("note ")).findFirst().orElseThrow()
                .split("\\|")[3];
        assertThat(records.search(PHARMACIST, new PatientSearch(null, changedPhone, null, null, null)).items())
                .as("blind index rebuilt").isNotEmpty();
    }

    @Test
    void rotationLeftBehindByACrashedWorkerIsResumedFromItsCursorOnceTheLeaseRunsOut() throws Exception {
        createPatients(120);
        Map<UUID, String> before = decryptedRows();
        Progress started = rotation.start(Demo.ADMIN, "crashed-node", Duration.ofSeconds(3));

        assertThat(rotation.runBatch("crashed-node", Duration.ofSeconds(3), 50)).isEqualTo(Outcome.PROGRESS);
        assertThat(rotation.runBatch("crashed-node", Duration.ofSeconds(3), 50)).isEqualTo(Outcome.PROGRESS);
        // The crashed node does nothing more. Until its lease runs out nobody else may take over...
        assertThat(rotation.runBatch("another-node", LONG_LEASE, 50)).isEqualTo(Outcome.BUSY);
        long doneByCrashedNode = rotation.status().latestRotation().rowsRewritten();
        assertThat(doneByCrashedNode).isEqualTo(100);
        assertThat(onNewKeys(started)).isEqualTo(100);

        // ...then this instance's background worker resumes where it stopped.
        worker.wake();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> rotation.status().latestRotation().state().equals("FINISHED"));

        Progress finished = rotation.status().latestRotation();
        assertThat(finished.id()).isEqualTo(started.id());
        assertThat(finished.rowsRewritten()).as("no row rewritten twice, none skipped").isEqualTo(started.rowsTotal());
        assertThat(finished.batches()).isGreaterThan(2);
        assertThat(onNewKeys(started)).isEqualTo(before.size());
        assertThat(checksum(decryptedRows())).isEqualTo(checksum(before));
        assertThat(keys.current().aeadKeyIds()).containsExactly((int) started.targetFieldKeyId());
    }

    @Test
    void adminApiStartsARotationAndReportsProgressWithCountsOnly() {
        Api api = new Api(http);

        Api.Response refused = api.post(Demo.CLINIC_ADMIN, "/api/admin/patient-keys/rotations", null);
        Api.Response started = api.post(Demo.ADMIN, "/api/admin/patient-keys/rotations", null);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.get(Demo.PHARMACIST, "/api/admin/patient-keys").status()).isEqualTo(403);
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("startedBy").asText()).isEqualTo(Demo.ADMIN);
        assertThat(api.post(Demo.ADMIN, "/api/admin/patient-keys/rotations", null).status())
                .as("one at a time").isIn(409, 202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get(Demo.ADMIN, "/api/admin/patient-keys").json()
                        .at("/latestRotation/state").asText().equals("FINISHED"));
        var status = api.get(Demo.ADMIN, "/api/admin/patient-keys").json();
        assertThat(status.get("selfManaged").asBoolean()).isTrue();
        assertThat(status.get("fieldKeys")).hasSize(1);
        assertThat(status.at("/fieldKeys/0/primary").asBoolean()).isTrue();
        assertThat(status.at("/fieldKeys/0/rows").asLong()).isEqualTo(
                system(() -> jdbc.sql("select count(*) from patient").query(Long.class).single()));
        assertThat(status.toString()).doesNotContain("Marcus", "Wilson");
        assertThat(api.get(Demo.PHARMACIST, "/api/patients/" + Demo.PATIENT_NORTHSIDE).json().get("lastName").asText())
                .isEqualTo("Wilson");
    }

    private long onNewKeys(Progress rotation) {
        return system(() -> jdbc.sql("select count(*) from patient where aead_key_id = ? and bidx_key_id = ?")
                .params((int) rotation.targetFieldKeyId(), (int) rotation.targetIndexKeyId()).query(Long.class)
                .single());
    }

    /** Straight from the table, in the system scope (row-level security). */
    private <T> T system(java.util.function.Supplier<T> query) {
        return transactions.execute(status -> {
            dataScope.enterSystem("system:test");
            return query.get();
        });
    }

    private void createPatients(int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            records.create(PHARMACIST, newPatient(random));
        }
    }

    private static NewPatient newPatient(ThreadLocalRandom random) {
        return new NewPatient(random.nextBoolean() ? Demo.NORTHSIDE : Demo.SUMMIT, "Rotha", "Keyes" + UUID.randomUUID(),
                LocalDate.of(1940 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString(),
                phone(random), null, List.of("aspirin"), "first note");
    }

    private static String phone(ThreadLocalRandom random) {
        return "+1555" + (1_000_000 + random.nextInt(9_000_000));
    }

    /** Every patient, every field decrypted, as one line each (read straight from the table). */
    private Map<UUID, String> decryptedRows() {
        return system(() -> {
            Map<UUID, String> all = new TreeMap<>();
            Optional<UUID> after = Optional.empty();
            List<Stored> page;
            do {
                page = rows.page(Optional.empty(), after, 1000);
                for (Stored row : page) {
                    all.put(row.id(), fingerprint(PatientView.of(PatientCodec.open(keys.current(), row,
                            PatientField.DESIGNATED))));
                }
                after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).id());
            } while (page.size() == 1000);
            return all;
        });
    }

    private static String fingerprint(PatientView p) {
        return String.join("|", p.firstName(), p.lastName(), String.valueOf(p.dateOfBirth()), String.valueOf(p.phone()),
                String.valueOf(p.address() == null ? null : p.address().oneLine()), String.valueOf(p.allergies()),
                String.valueOf(p.clinicalNotes()));
    }

    private static String checksum(Map<UUID, String> rows) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Map.Entry<UUID, String> row : new TreeMap<>(rows).entrySet()) {
            sha.update((row.getKey() + "=" + row.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
