package org.pestle.audit.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.audit.ChainVerification;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.platform.DataScope;
import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Appends audit records through the database's {@code audit_append} and walks the chain. */
@Service
class AuditTrail implements AuditRecords {

    private static final byte[] GENESIS = new byte[32];

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final DataScope dataScope;
    private final ObjectMapper json;

    AuditTrail(JdbcClient jdbc, DataSource dataSource, DataScope dataScope, ObjectMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.dataScope = dataScope;
        this.json = json;
    }

    @Override
    @Transactional
    public long record(AuditEntry entry) {
        String role = entry.actorRole() != null ? entry.actorRole() : rolesOf(entry.actor());
        String address = entry.sourceAddress() != null ? entry.sourceAddress() : remoteAddress();
        return jdbc.sql("select audit_append(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))")
                .params(entry.actor(), role, entry.onBehalfOf(), entry.organizationId(), entry.clinicId(),
                        entry.action(), entry.entityType(), entry.entityId(), entry.patientId(),
                        entry.outcome().code(), address, entry.reason(), toJson(entry.details()))
                .query(Long.class).single();
    }

    @Override
    @Transactional
    public ChainVerification verify() {
        dataScope.enterSystem("system:audit-verify");
        Head head = jdbc.sql("select seq, hash from audit_chain_head")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2))).single();
        // where the chain starts: the first record, or the one after the last removed by retention (V55)
        Head start = jdbc.sql("select seq, hash from audit_chain_anchor")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2))).optional()
                .orElse(new Head(0, GENESIS));
        Walk walk = new Walk(head, start);
        // a fetch size makes the driver stream the rows instead of holding the whole trail in memory
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(1000);
        streaming.query("""
                select r.seq, r.previous_hash, audit_hash(r.previous_hash, r) = r.hash as intact, r.hash
                from audit_record r order by r.seq""",
                (RowCallbackHandler) rs -> walk.next(rs.getLong(1), rs.getBytes(2), rs.getBoolean(3), rs.getBytes(4)));
        return walk.result();
    }

    private record Head(long seq, byte[] hash) {
    }

    /** The walk along the chain, stopping at the first break. */
    private static final class Walk {
        private final Head head;
        private long expectedSeq;
        private byte[] lastHash;
        private long checked;
        private ChainVerification broken;

        Walk(Head head, Head start) {
            this.head = head;
            this.expectedSeq = start.seq() + 1;
            this.lastHash = start.hash();
        }

        void next(long seq, byte[] previousHash, boolean intact, byte[] hash) {
            if (broken != null) {
                return;
            }
            checked++;
            if (seq > head.seq() || seq < expectedSeq) {
                // beyond the head, or a number already passed (before the retention anchor, or twice)
                broken = new ChainVerification(false, checked, seq, "INSERTED");
            } else if (seq > expectedSeq) {
                broken = new ChainVerification(false, checked, expectedSeq, "DELETED");
            } else if (!intact) {
                broken = new ChainVerification(false, checked, seq, "EDITED");
            } else if (!Arrays.equals(previousHash, lastHash)) {
                // this record is as written, so its predecessor was rewritten with a recomputed hash
                broken = new ChainVerification(false, checked, seq - 1, "EDITED");
            }
            expectedSeq = seq + 1;
            lastHash = hash;
        }

        ChainVerification result() {
            if (broken != null) {
                return broken;
            }
            if (expectedSeq - 1 < head.seq()) {
                return new ChainVerification(false, checked, expectedSeq, "DELETED");
            }
            if (!Arrays.equals(lastHash, head.hash())) {
                return new ChainVerification(false, checked, head.seq(), "HEAD_MISMATCH");
            }
            return new ChainVerification(true, checked, null, null);
        }
    }

    private static String rolesOf(String actor) {
        return CurrentActor.find().filter(a -> a.username().equals(actor)).map(AuditTrail::roles).orElse(null);
    }

    private static String roles(Actor actor) {
        return actor.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private String toJson(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details are identifiers and codes", e);
        }
    }
}
