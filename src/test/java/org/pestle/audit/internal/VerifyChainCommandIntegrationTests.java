package org.pestle.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditOwner;
import org.pestle.audit.AuditRecords;
import org.pestle.audit.AuditSealing;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The command-line verification prints the result and exits 0 for an intact chain, 3 for a broken one. */
@IntegrationTest
class VerifyChainCommandIntegrationTests {

    @Autowired
    VerifyChainCommand command;

    @Autowired
    AuditRecords audit;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void reportsAnIntactChainWithExitCodeZeroAndAnEditedRecordWithThree() throws Exception {
        long seq = AuditSealing.recordOne(transactions, jdbc, audit, "test.recorded", null, null);
        AuditSealing.awaitSealed(transactions, jdbc, seq);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(command.verifyAndReport(new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("audit chain intact: ");

        try (Connection db = AuditOwner.connect(); Statement sql = db.createStatement()) {
            AuditOwner.maintenance(sql, "update audit_record set action = 'test.edited' where seq = " + seq);
            try {
                out.reset();
                assertThat(command.verifyAndReport(new PrintStream(out, true, StandardCharsets.UTF_8)))
                        .isEqualTo(VerifyChainCommand.BROKEN);
                assertThat(out.toString(StandardCharsets.UTF_8)).contains("record " + seq + " EDITED");
            } finally {
                AuditOwner.maintenance(sql, "update audit_record set action = 'test.recorded' where seq = " + seq);
            }
        }
    }
}
