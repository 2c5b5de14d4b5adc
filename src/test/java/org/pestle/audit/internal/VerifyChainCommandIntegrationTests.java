package org.pestle.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.support.IntegrationTest;
import org.pestle.support.TestDatabase;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;

/** The command-line verification prints the result and exits 0 for an intact chain, 3 for a broken one. */
@IntegrationTest
class VerifyChainCommandIntegrationTests {

    @Autowired
    VerifyChainCommand command;

    @Autowired
    AuditRecords audit;

    @Autowired
    Transactions transactions;

    @Test
    void reportsAnIntactChainWithExitCodeZeroAndAnEditedRecordWithThree() throws Exception {
        long seq = transactions.asSystem(() -> audit.record(AuditEntry.of("system:test", "test.recorded", null, null)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(command.verifyAndReport(new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("audit chain intact: ");

        try (Connection db = DriverManager.getConnection(TestDatabase.get().url(), TestDatabase.OWNER.username(),
                TestDatabase.OWNER.password()); Statement sql = db.createStatement()) {
            sql.execute("select set_config('pestle.scope', 'system', false)");
            sql.execute("begin");
            sql.execute("set local pestle.audit_maintenance = 'on'");
            sql.execute("update audit_record set action = 'test.edited' where seq = " + seq);
            sql.execute("commit");
            try {
                out.reset();
                assertThat(command.verifyAndReport(new PrintStream(out, true, StandardCharsets.UTF_8)))
                        .isEqualTo(VerifyChainCommand.BROKEN);
                assertThat(out.toString(StandardCharsets.UTF_8)).contains("record " + seq + " EDITED");
            } finally {
                sql.execute("begin");
                sql.execute("set local pestle.audit_maintenance = 'on'");
                sql.execute("update audit_record set action = 'test.recorded' where seq = " + seq);
                sql.execute("commit");
            }
        }
    }
}
