package org.pestle.audit.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
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
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends audit records through the database's {@code audit_append} (unsealed, no lock on a shared row;
 * {@link AuditSealer} links them into the chain shortly after they commit), all of a transaction's
 * records in one statement just before it commits ({@link AppendAtCommit}), and walks the sealed chain.
 */
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
    public void record(AuditEntry entry) {
        // role and address are those of the moment of the action, not of the flush
        String role = entry.actorRole() != null ? entry.actorRole() : rolesOf(entry.actor());
        String address = entry.sourceAddress() != null ? entry.sourceAddress() : remoteAddress();
        AppendAtCommit.Row row = new AppendAtCommit.Row(entry.actor(), role, entry.onBehalfOf(),
                entry.organizationId(), entry.clinicId(), entry.action(), entry.entityType(), entry.entityId(),
                entry.patientId(), entry.outcome().code(), address, entry.reason(), entry.details());
        if (!AppendAtCommit.hold(row, this::appendAll)) {
            appendAll(List.of(row));
        }
    }

    /** Appends records in the current transaction, in one statement, in their order. */
    private void appendAll(List<AppendAtCommit.Row> rows) {
        jdbc.sql("select audit_append_all(cast(? as jsonb))").param(toJson(rows)).query(Long.class).single();
    }

    @Override
    @Transactional(isolation = Isolation.REPEATABLE_READ, readOnly = true)
    public ChainVerification verify() {
        // one snapshot for the head, the anchor and the walk: a seal or a removal in between is not seen
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
                select r.seq, r.previous_seq, r.previous_hash, r.hash is not null and audit_hash(r.previous_hash, r) = r.hash,
                       r.hash, r.hash is null
                from audit_record r where r.seq <= ? or r.hash is not null order by r.seq""",
                (RowCallbackHandler) rs -> walk.next(rs.getLong(1), (Long) rs.getObject(2), rs.getBytes(3),
                        rs.getBoolean(4), rs.getBytes(5), rs.getBoolean(6)),
                head.seq());
        long awaiting = jdbc.sql("select count(*) from audit_record where seq > ? and hash is null")
                .param(head.seq()).query(Long.class).single();
        return walk.result(awaiting);
    }

    private record Head(long seq, byte[] hash) {
    }

    /**
     * The walk along the sealed part of the chain (every record up to the head, and any sealed-looking
     * record beyond it), stopping at the first break. Each record names its predecessor (records sealed
     * before V56: the number before their own).
     */
    private static final class Walk {
        private static final int REMEMBERED = 10_000;
        private final Head head;
        private final long startSeq;
        private long lastSeq;
        private byte[] lastHash;
        private long checked;
        private ChainVerification broken;
        private final ArrayDeque<Long> recent = new ArrayDeque<>();

        Walk(Head head, Head start) {
            this.head = head;
            this.startSeq = start.seq();
            this.lastSeq = start.seq();
            this.lastHash = start.hash();
        }

        void next(long seq, Long previousSeq, byte[] previousHash, boolean intact, byte[] hash, boolean unsealed) {
            if (broken != null) {
                return;
            }
            checked++;
            long predecessor = previousSeq != null ? previousSeq : seq - 1;
            if (seq > head.seq() || seq <= startSeq || unsealed) {
                // sealed beyond the head, before the retention anchor, or unsealed inside the sealed part
                broken = broke(seq, "INSERTED");
            } else if (!intact) {
                broken = broke(seq, "EDITED");
            } else if (predecessor > lastSeq) {
                // the record this one links to is gone (before V56: the first missing number)
                broken = broke(previousSeq != null ? predecessor : lastSeq + 1, "DELETED");
            } else if (predecessor < lastSeq) {
                // records were put between this one and the predecessor it names: the first of them
                broken = broke(firstAfter(predecessor), "INSERTED");
            } else if (!Arrays.equals(previousHash, lastHash)) {
                // this record is as written, so its predecessor was rewritten with a recomputed hash
                broken = broke(lastSeq, "EDITED");
            }
            lastSeq = seq;
            lastHash = hash;
            recent.addLast(seq);
            if (recent.size() > REMEMBERED) {
                recent.removeFirst();
            }
        }

        private long firstAfter(long predecessor) {
            for (long seen : recent) {
                if (seen > predecessor) {
                    return seen;
                }
            }
            return lastSeq;
        }

        private ChainVerification broke(long seq, String problem) {
            return new ChainVerification(false, checked, seq, problem, head.seq(), 0);
        }

        ChainVerification result(long awaiting) {
            if (broken != null) {
                return new ChainVerification(false, broken.recordsChecked(), broken.firstBrokenSeq(),
                        broken.problem(), head.seq(), awaiting);
            }
            if (lastSeq < head.seq()) {
                return new ChainVerification(false, checked, head.seq(), "DELETED", head.seq(), awaiting);
            }
            if (!Arrays.equals(lastHash, head.hash())) {
                return new ChainVerification(false, checked, head.seq(), "HEAD_MISMATCH", head.seq(), awaiting);
            }
            return new ChainVerification(true, checked, null, null, head.seq(), awaiting);
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

    private String toJson(List<AppendAtCommit.Row> rows) {
        try {
            return json.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details are identifiers and codes", e);
        }
    }
}
