package org.pestle.patients.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.pestle.patients.PatientKeysRotated;
import org.pestle.patients.internal.PatientCodec.Stored;
import org.pestle.patients.internal.PatientKeys.Retired;
import org.pestle.patients.internal.PatientKeys.Snapshot;
import org.pestle.platform.ApiProblem;
import org.pestle.platform.DataScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key rotation of patient records, without downtime: new primary keys encrypt and index every row
 * written from then on while old keys still decrypt and match; batches re-encrypt the remaining rows
 * and rebuild their blind-index tokens; once no row uses an old key, it is retired.
 *
 * <p>Progress is the {@code patient_key_rotation} row, committed with each batch, so a crash loses at
 * most the batch in flight and any worker resumes from the cursor once the crashed one's lease has
 * run out. Rows written by users meanwhile move to the new keys by themselves; a last check under
 * the exclusive key lock makes sure none is left behind before a key is retired.
 */
@Service
class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    private static final String SYSTEM_ACTOR = "system:key-rotation";
    /** Serializes starting rotations (two admins at once). */
    private static final long START_LOCK = 0x5041_5449_454e_5452L;

    private final JdbcClient jdbc;
    private final PatientRows rows;
    private final PatientKeys keys;
    private final DataScope dataScope;
    private final ApplicationEventPublisher events;

    KeyRotation(JdbcClient jdbc, PatientRows rows, PatientKeys keys, DataScope dataScope,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.keys = keys;
        this.dataScope = dataScope;
        this.events = events;
    }

    /** What a call to {@link #runBatch} did. */
    enum Outcome {
        /** Rows were rewritten or a new pass begun; call again. */
        PROGRESS,
        /** The rotation finished in this call. */
        FINISHED,
        /** Another worker holds the rotation's lease. */
        BUSY,
        /** No rotation is running. */
        IDLE
    }

    /**
     * Starts a rotation: with keysets in files, adds new primary keys first; with keysets from the
     * environment, moves rows to the primaries the operator has deployed.
     *
     * @param startedBy username of the admin
     * @param worker the worker that holds the new rotation first
     * @param lease how long that worker's claim lasts without progress
     * @throws ApiProblem 409 when a rotation is already running, or there is nothing to rotate to
     */
    @Transactional
    Progress start(String startedBy, String worker, Duration lease) {
        dataScope.enterSystem(SYSTEM_ACTOR);
        jdbc.sql("select pg_advisory_xact_lock(?)").param(START_LOCK).query().singleRow();
        if (running().isPresent()) {
            throw ApiProblem.conflict("rotation-running", "A key rotation is already running");
        }
        Snapshot target;
        if (keys.selfManaged()) {
            target = keys.addPrimaries();
        } else {
            target = keys.current();
            if (target.aeadKeyIds().size() == 1 && target.indexKeyIds().size() == 1
                    && rows.countNotOnKeys(target.aeadPrimary(), target.indexPrimary()) == 0) {
                throw ApiProblem.conflict("no-new-keys", "The keysets come from the environment and every row is "
                        + "on their primary keys already: deploy keysets with a new primary key first");
            }
        }
        UUID id = UUID.randomUUID();
        long total = rows.countNotOnKeys(target.aeadPrimary(), target.indexPrimary());
        jdbc.sql("""
                insert into patient_key_rotation (id, state, started_by, target_aead_key_id, target_bidx_key_id,
                    rows_total, worker, lease_until)
                values (?, 'RUNNING', ?, ?, ?, ?, ?, now() + ?::interval)""")
                .params(id, startedBy, target.aeadPrimary(), target.indexPrimary(), total, worker, interval(lease))
                .update();
        log.info("Patient key rotation {} started by {}: {} rows to re-encrypt", id, startedBy, total);
        return progress(id).orElseThrow();
    }

    /**
     * Runs one batch of the running rotation for this worker, if no other worker holds it.
     */
    @Transactional
    Outcome runBatch(String worker, Duration lease, int batchSize) {
        dataScope.enterSystem(SYSTEM_ACTOR);
        Optional<RotationRow> found = jdbc.sql("""
                select id, started_by, target_aead_key_id, target_bidx_key_id, rows_rewritten, batches, passes,
                    cursor_id, worker, lease_until > now() as leased
                from patient_key_rotation where state = 'RUNNING' for update""")
                .query((rs, n) -> new RotationRow(rs.getObject("id", UUID.class), rs.getString("started_by"),
                        rs.getInt("target_aead_key_id"), rs.getInt("target_bidx_key_id"),
                        rs.getLong("rows_rewritten"), rs.getInt("batches"), rs.getInt("passes"),
                        Optional.ofNullable(rs.getObject("cursor_id", UUID.class)), rs.getString("worker"),
                        rs.getBoolean("leased")))
                .optional();
        if (found.isEmpty()) {
            return Outcome.IDLE;
        }
        RotationRow rotation = found.get();
        if (rotation.leased() && !worker.equals(rotation.worker())) {
            return Outcome.BUSY;
        }
        Snapshot current = rows.keysForWriting();
        if (current.aeadPrimary() != rotation.targetAead() || current.indexPrimary() != rotation.targetIndex()) {
            // The operator deployed other primaries meanwhile: rotate to those, from the start.
            jdbc.sql("""
                    update patient_key_rotation set target_aead_key_id = ?, target_bidx_key_id = ?, cursor_id = null,
                        passes = passes + 1, worker = ?, lease_until = now() + ?::interval, updated_at = now()
                    where id = ?""")
                    .params(current.aeadPrimary(), current.indexPrimary(), worker, interval(lease), rotation.id())
                    .update();
            return Outcome.PROGRESS;
        }
        List<Stored> batch = rows.lockNotOnKeys(rotation.cursor(), rotation.targetAead(), rotation.targetIndex(),
                batchSize);
        if (!batch.isEmpty()) {
            batch.forEach(row -> rows.rewrite(current, row));
            jdbc.sql("""
                    update patient_key_rotation set cursor_id = ?, rows_rewritten = rows_rewritten + ?,
                        batches = batches + 1, worker = ?, lease_until = now() + ?::interval, updated_at = now()
                    where id = ?""")
                    .params(batch.get(batch.size() - 1).id(), batch.size(), worker, interval(lease), rotation.id())
                    .update();
            return Outcome.PROGRESS;
        }
        if (rows.countNotOnKeys(rotation.targetAead(), rotation.targetIndex()) > 0) {
            return newPass(rotation, worker, lease);
        }
        // Exclusive key lock: every writer that might still be using an old key has committed.
        jdbc.sql("select pg_advisory_xact_lock(?)").param(PatientRows.KEY_LOCK).query().singleRow();
        if (rows.countNotOnKeys(rotation.targetAead(), rotation.targetIndex()) > 0) {
            return newPass(rotation, worker, lease);
        }
        return finish(rotation, current);
    }

    /** Rows written with an old key behind the cursor (by a writer that started before the switch). */
    private Outcome newPass(RotationRow rotation, String worker, Duration lease) {
        jdbc.sql("""
                update patient_key_rotation set cursor_id = null, passes = passes + 1, worker = ?,
                    lease_until = now() + ?::interval, updated_at = now()
                where id = ?""").params(worker, interval(lease), rotation.id()).update();
        log.info("Patient key rotation {}: pass {} done, rows written with old keys meanwhile, another pass",
                rotation.id(), rotation.passes());
        return Outcome.PROGRESS;
    }

    private Outcome finish(RotationRow rotation, Snapshot current) {
        Set<Integer> aeadInUse = rows.rowsPerAeadKey().keySet();
        Set<Integer> indexInUse = rows.rowsPerIndexKey().keySet();
        Retired retired;
        if (keys.selfManaged()) {
            retired = keys.retireExcept(aeadInUse, indexInUse);
        } else {
            // The operator removes these from the deployed keysets.
            retired = new Retired(unused(current.aeadKeyIds(), aeadInUse, current.aeadPrimary()),
                    unused(current.indexKeyIds(), indexInUse, current.indexPrimary()));
        }
        jdbc.sql("""
                update patient_key_rotation set state = 'FINISHED', finished_at = now(), worker = null,
                    lease_until = null, retired_aead_key_ids = ?, retired_bidx_key_ids = ?, updated_at = now()
                where id = ?""")
                .params(retired.aead().toArray(Integer[]::new), retired.index().toArray(Integer[]::new), rotation.id())
                .update();
        log.info("Patient key rotation {} finished: {} rows re-encrypted in {} batches and {} passes; retired field "
                + "keys {}, index keys {}", rotation.id(), rotation.rowsRewritten(), rotation.batches(),
                rotation.passes(), unsigned(retired.aead()), unsigned(retired.index()));
        events.publishEvent(new PatientKeysRotated(rotation.id(), rotation.startedBy(), rotation.rowsRewritten(),
                unsigned(retired.aead()), unsigned(retired.index())));
        return Outcome.FINISHED;
    }

    private static Set<Integer> unused(Set<Integer> all, Set<Integer> inUse, int primary) {
        Set<Integer> unused = new TreeSet<>(all);
        unused.removeAll(inUse);
        unused.remove(primary);
        return unused;
    }

    /** The keys, how many rows each protects, and the latest rotation. */
    @Transactional
    KeyStatus status() {
        dataScope.enterSystem(SYSTEM_ACTOR);
        Snapshot current = keys.current();
        Map<Integer, Long> aeadRows = rows.rowsPerAeadKey();
        Map<Integer, Long> indexRows = rows.rowsPerIndexKey();
        List<KeyStatus.Key> fieldKeys = current.aeadKeyIds().stream()
                .map(id -> new KeyStatus.Key(Integer.toUnsignedLong(id), id == current.aeadPrimary(),
                        aeadRows.getOrDefault(id, 0L))).toList();
        List<KeyStatus.Key> indexKeys = current.indexKeyIds().stream()
                .map(id -> new KeyStatus.Key(Integer.toUnsignedLong(id), id == current.indexPrimary(),
                        indexRows.getOrDefault(id, 0L))).toList();
        Optional<UUID> latest = jdbc.sql("select id from patient_key_rotation order by started_at desc limit 1")
                .query(UUID.class).optional();
        return new KeyStatus(keys.selfManaged(), fieldKeys, indexKeys, latest.flatMap(this::progress).orElse(null));
    }

    private Optional<Progress> progress(UUID id) {
        return jdbc.sql("""
                select id, state, started_by, started_at, finished_at, rows_total, rows_rewritten, batches, passes,
                    target_aead_key_id, target_bidx_key_id, retired_aead_key_ids, retired_bidx_key_ids
                from patient_key_rotation where id = ?""").param(id)
                .query((rs, n) -> new Progress(rs.getObject("id", UUID.class), rs.getString("state"),
                        rs.getString("started_by"), rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                        rs.getLong("rows_total"), rs.getLong("rows_rewritten"), rs.getInt("batches"),
                        rs.getInt("passes"), Integer.toUnsignedLong(rs.getInt("target_aead_key_id")),
                        Integer.toUnsignedLong(rs.getInt("target_bidx_key_id")),
                        unsigned((Integer[]) rs.getArray("retired_aead_key_ids").getArray()),
                        unsigned((Integer[]) rs.getArray("retired_bidx_key_ids").getArray())))
                .optional();
    }

    /** Tink key ids are unsigned 32-bit numbers; shown as such, the way Tink's JSON keysets show them. */
    static List<Long> unsigned(Integer[] ids) {
        return java.util.Arrays.stream(ids).map(Integer::toUnsignedLong).sorted().toList();
    }

    static Set<Long> unsigned(Set<Integer> ids) {
        return new TreeSet<>(ids.stream().map(Integer::toUnsignedLong).toList());
    }

    private Optional<UUID> running() {
        return jdbc.sql("select id from patient_key_rotation where state = 'RUNNING'").query(UUID.class).optional();
    }

    private static String interval(Duration lease) {
        return lease.toMillis() + " milliseconds";
    }

    private record RotationRow(UUID id, String startedBy, int targetAead, int targetIndex, long rowsRewritten,
            int batches, int passes, Optional<UUID> cursor, String worker, boolean leased) {
    }

    /**
     * A rotation's progress (counts and key ids only).
     *
     * @param rowsTotal rows on old keys when it started
     * @param rowsRewritten rows re-encrypted so far (rows users wrote meanwhile moved by themselves)
     * @param retiredFieldKeyIds field keys no row uses any more: removed from file keysets, to be removed
     *        from environment keysets by the operator
     * @param retiredIndexKeyIds the same for blind-index keys
     */
    record Progress(UUID id, String state, String startedBy, Instant startedAt, Instant finishedAt, long rowsTotal,
            long rowsRewritten, int batches, int passes, long targetFieldKeyId, long targetIndexKeyId,
            List<Long> retiredFieldKeyIds, List<Long> retiredIndexKeyIds) {
    }

    /**
     * The keys and the latest rotation.
     *
     * @param selfManaged keysets are files that rotation updates (else the operator deploys keysets)
     */
    record KeyStatus(boolean selfManaged, List<Key> fieldKeys, List<Key> indexKeys, Progress latestRotation) {

        /** A key: its Tink key id (unsigned), whether it is primary, how many rows use it. */
        record Key(long id, boolean primary, long rows) {
        }
    }
}
