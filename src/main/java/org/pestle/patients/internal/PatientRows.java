package org.pestle.patients.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.pestle.patients.internal.PatientCodec.Sealed;
import org.pestle.patients.internal.PatientCodec.Stored;
import org.pestle.patients.internal.PatientKeys.Snapshot;
import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code patient} table. Rows go in and out encrypted: every write seals the whole row with the
 * current primary keys, every read opens only the fields asked for. Runs inside its callers'
 * transactions.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class PatientRows {

    /**
     * Writers hold this advisory lock shared while they encrypt and write a row; retiring a key takes
     * it exclusively, so no row can be written with a key at the moment it is retired.
     */
    static final long KEY_LOCK = 0x5041_5449_454e_544bL;

    private static final String COLUMNS = """
            id, organization_id, clinic_id, first_name_ct, last_name_ct, date_of_birth_ct, phone_ct, address_ct,
            allergies_ct, clinical_notes_ct, aead_key_id, bidx_key_id, created_at, updated_at, version""";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final PatientKeys keys;

    @Autowired
    PatientRows(DataSource dataSource, PatientKeys keys) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.keys = keys;
    }

    /** The same on one plain connection: Flyway's, in a migration (as the schema owner, in Flyway's transaction). */
    static PatientRows over(java.sql.Connection connection, PatientKeys keys) {
        return new PatientRows(new SingleConnectionDataSource(connection, true), keys);
    }

    /**
     * Declares the system scope on a migration's connection, for row-level security that also holds
     * for the schema owner (FORCEd policies).
     */
    void enterSystemScope(String actor) {
        jdbc.sql("select set_config('pestle.scope', 'system', true), set_config('pestle.actor', ?, true)")
                .param(actor).query().singleRow();
    }

    private DataSource dataSource() {
        return dataSource;
    }

    /** Takes the shared key lock for this transaction and returns the keys to write with. */
    Snapshot keysForWriting() {
        jdbc.sql("select pg_advisory_xact_lock_shared(?)").param(KEY_LOCK).query().singleRow();
        return keys.current();
    }

    /** The keys to read with. */
    Snapshot keysForReading() {
        return keys.current();
    }

    /** The columns a sealed row sets, as an update's assignments. */
    private static final String SEALED_COLUMNS = """
            first_name_ct = :first_name, last_name_ct = :last_name, date_of_birth_ct = :date_of_birth,
            phone_ct = :phone, address_ct = :address, allergies_ct = :allergies, clinical_notes_ct = :clinical_notes,
            name_bidx = :name_bidx, date_of_birth_bidx = :dob_bidx, phone_bidx = :phone_bidx,
            aead_key_id = :aead_key, bidx_key_id = :bidx_key""";

    private static final String INSERT = """
            insert into patient (id, organization_id, clinic_id, first_name_ct, last_name_ct, date_of_birth_ct,
                phone_ct, address_ct, allergies_ct, clinical_notes_ct, name_bidx, date_of_birth_bidx, phone_bidx,
                aead_key_id, bidx_key_id, created_by, version)
            values (:id, :org, :clinic, :first_name, :last_name, :date_of_birth, :phone, :address, :allergies,
                :clinical_notes, :name_bidx, :dob_bidx, :phone_bidx, :aead_key, :bidx_key, :created_by, 0)""";

    /** Inserts the row, sealed with keys from {@link #keysForWriting()} of this transaction. */
    void insert(Snapshot keys, PatientRecord patient, String createdBy) {
        jdbc.sql(INSERT).params(insertParams(keys, patient, createdBy)).update();
    }

    /** Inserts many rows in one JDBC batch (imports, demo data, the benchmark's bulk load). */
    void insertAll(Snapshot keys, List<PatientRecord> patients, String createdBy) {
        new NamedParameterJdbcTemplate(dataSource()).batchUpdate(INSERT, patients.stream()
                .map(p -> new MapSqlParameterSource(insertParams(keys, p, createdBy)))
                .toArray(SqlParameterSource[]::new));
    }

    private static Map<String, Object> insertParams(Snapshot keys, PatientRecord patient, String createdBy) {
        return sealedParams(PatientCodec.seal(keys, patient), patient.id(), Map.of("org", patient.organizationId(),
                "clinic", patient.clinicId(), "created_by", createdBy));
    }

    /** Rewrites the row's content, sealed with keys from {@link #keysForWriting()}, and counts a new version. */
    void update(Snapshot keys, PatientRecord patient) {
        Sealed sealed = PatientCodec.seal(keys, patient);
        jdbc.sql("update patient set " + SEALED_COLUMNS + ", updated_at = now(), version = version + 1 where id = :id")
                .params(sealedParams(sealed, patient.id(), Map.of())).update();
    }

    /**
     * Re-encrypts a row and rebuilds its tokens with the current primary keys, content and version
     * unchanged (key rotation).
     */
    void rewrite(Snapshot keys, Stored row) {
        PatientRecord plain = PatientCodec.open(keys, row, PatientField.DESIGNATED);
        Sealed sealed = PatientCodec.seal(keys, plain);
        jdbc.sql("update patient set " + SEALED_COLUMNS + " where id = :id")
                .params(sealedParams(sealed, row.id(), Map.of())).update();
    }

    Optional<Stored> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from patient where id = ?").param(id).query(PatientRows::stored)
                .optional();
    }

    /** The row, locked against concurrent writers (and the rotation) until the transaction ends. */
    Optional<Stored> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from patient where id = ? for update").param(id)
                .query(PatientRows::stored).optional();
    }

    /**
     * Rows whose tokens match every given criterion (each criterion: any of its tokens), within the
     * clinics given (all clinics when {@code clinics} is empty), oldest first.
     */
    List<Stored> findByTokens(Collection<byte[]> nameTokens, Collection<byte[]> dateOfBirthTokens,
            Collection<byte[]> phoneTokens, Optional<Set<UUID>> clinics, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from patient where true");
        Map<String, Object> params = new java.util.HashMap<>();
        criterion(sql, params, "name_bidx", nameTokens);
        criterion(sql, params, "date_of_birth_bidx", dateOfBirthTokens);
        criterion(sql, params, "phone_bidx", phoneTokens);
        if (clinics.isPresent()) {
            if (clinics.get().isEmpty()) {
                return List.of();
            }
            sql.append(" and clinic_id in (:clinics)");
            params.put("clinics", clinics.get());
        }
        sql.append(" order by created_at, id limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(PatientRows::stored).list();
    }

    private static void criterion(StringBuilder sql, Map<String, Object> params, String column,
            Collection<byte[]> tokens) {
        if (tokens != null) {
            sql.append(" and ").append(column).append(" in (:").append(column).append(")");
            params.put(column, tokens.stream().map(PatientRows::binary).toList());
        }
    }

    /** A page of rows of the given clinics (all when empty) in id order, after the given id. */
    List<Stored> page(Optional<Set<UUID>> clinics, Optional<UUID> after, int limit) {
        if (clinics.isPresent() && clinics.get().isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from patient where (cast(:after as uuid) is null or id > :after)"
                        + (clinics.isPresent() ? " and clinic_id in (:clinics)" : "") + " order by id limit :limit")
                .param("after", after.orElse(null), Types.OTHER)
                .param("clinics", clinics.orElse(Set.of()))
                .param("limit", limit)
                .query(PatientRows::stored).list();
    }

    /** Rows not yet on the given keys after the cursor, in id order, locked for rewriting. */
    List<Stored> lockNotOnKeys(Optional<UUID> after, int aeadKeyId, int indexKeyId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from patient where (cast(:after as uuid) is null or id > :after)"
                        + " and (aead_key_id <> :aead or bidx_key_id <> :bidx) order by id limit :limit for update")
                .param("after", after.orElse(null), Types.OTHER)
                .param("aead", aeadKeyId).param("bidx", indexKeyId).param("limit", limit)
                .query(PatientRows::stored).list();
    }

    long countNotOnKeys(int aeadKeyId, int indexKeyId) {
        return jdbc.sql("select count(*) from patient where aead_key_id <> ? or bidx_key_id <> ?")
                .params(aeadKeyId, indexKeyId).query(Long.class).single();
    }

    /** How many rows each field key encrypted (key id to rows). */
    Map<Integer, Long> rowsPerAeadKey() {
        return countsBy("aead_key_id");
    }

    /** How many rows each index key made tokens for. */
    Map<Integer, Long> rowsPerIndexKey() {
        return countsBy("bidx_key_id");
    }

    private Map<Integer, Long> countsBy(String column) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("select " + column + " as key_id, count(*) as n from patient group by " + column)
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs ->
                        counts.put(rs.getInt("key_id"), rs.getLong("n")));
        return counts;
    }

    /** The row's id, its sealed columns and any further parameters, by name. */
    private static Map<String, Object> sealedParams(Sealed sealed, UUID id, Map<String, Object> more) {
        Map<String, Object> params = new java.util.HashMap<>(more);
        params.put("id", id);
        for (PatientField field : PatientField.values()) {
            params.put(field.adName(), binary(sealed.ciphertext(field)));
        }
        params.put("name_bidx", binary(sealed.nameToken()));
        params.put("dob_bidx", binary(sealed.dateOfBirthToken()));
        params.put("phone_bidx", binary(sealed.phoneToken()));
        params.put("aead_key", sealed.aeadKeyId());
        params.put("bidx_key", sealed.indexKeyId());
        return params;
    }

    private static SqlParameterValue binary(byte[] value) {
        return new SqlParameterValue(Types.BINARY, value);
    }

    static Stored stored(ResultSet rs, int row) throws SQLException {
        Map<PatientField, byte[]> ciphertexts = new EnumMap<>(PatientField.class);
        for (PatientField field : PatientField.values()) {
            byte[] value = rs.getBytes(field.column());
            if (value != null) {
                ciphertexts.put(field, value);
            }
        }
        return new Stored(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("clinic_id", UUID.class), ciphertexts, rs.getInt("aead_key_id"),
                rs.getInt("bidx_key_id"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
    }
}
