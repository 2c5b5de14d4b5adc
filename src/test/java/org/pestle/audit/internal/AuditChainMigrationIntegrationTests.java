package org.pestle.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.pestle.platform.DatabaseBootstrap;
import org.pestle.support.TestDatabase;

/**
 * A trail written under the chain head's lock (V50 to V55) migrates to the sealed chain (V56): its
 * records keep their hashes and links, and the records written after the migration are sealed onto
 * the old head.
 */
class AuditChainMigrationIntegrationTests {

    @Test
    void aTrailWrittenBeforeTheSealerMigratesAndNewRecordsAreSealedOntoItsHead() throws SQLException {
        TestDatabase.Server server = TestDatabase.get();
        String database = "pestle_migration_" + UUID.randomUUID().toString().substring(0, 8);
        DatabaseBootstrap.ensureDatabase(server.url(), server.superuser(), server.superuserPassword(), database,
                TestDatabase.OWNER, TestDatabase.APP);
        String url = DatabaseBootstrap.withDatabase(server.url(), database);
        try {
            migrate(url, "55");
            try (Connection app = connect(url, TestDatabase.APP); Statement sql = app.createStatement()) {
                for (int i = 0; i < 3; i++) {
                    append(sql, "system:before");
                }
            }
            migrate(url, "latest");
            try (Connection app = connect(url, TestDatabase.APP); Statement sql = app.createStatement()) {
                long last = 0;
                for (int i = 0; i < 2; i++) {
                    last = append(sql, "system:after");
                }
                assertThat(last).isEqualTo(5);
                for (int i = 0; i < 20 && head(sql) < last; i++) {
                    sql.execute("select audit_seal()");
                    sleep();
                }
                assertThat(head(sql)).isEqualTo(last);
            }
            try (Connection owner = connect(url, TestDatabase.OWNER); Statement sql = owner.createStatement()) {
                sql.execute("select set_config('pestle.scope', 'system', false)");
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = sql.executeQuery("""
                        select r.seq, r.actor, r.previous_seq, audit_hash(r.previous_hash, r) = r.hash,
                               r.previous_hash = coalesce(p.hash, decode(repeat('00', 32), 'hex'))
                        from audit_record r left join audit_record p on p.seq = coalesce(r.previous_seq, r.seq - 1)
                        order by r.seq""")) {
                    while (rs.next()) {
                        rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getObject(3) + " "
                                + rs.getBoolean(4) + " " + rs.getBoolean(5));
                    }
                }
                assertThat(rows).containsExactly("1 system:before null true true", "2 system:before null true true",
                        "3 system:before null true true", "4 system:after 3 true true", "5 system:after 4 true true");
                try (ResultSet rs = sql.executeQuery("""
                        select h.hash = r.hash from audit_chain_head h join audit_record r on r.seq = h.seq""")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).isTrue();
                }
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(server.url(), server.superuser(),
                    server.superuserPassword()); Statement sql = admin.createStatement()) {
                sql.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    private static void migrate(String url, String target) {
        Flyway.configure().dataSource(url, TestDatabase.OWNER.username(), TestDatabase.OWNER.password())
                .locations("classpath:db/migration").placeholders(Map.of("app_role", TestDatabase.APP.username()))
                .target(target).load().migrate();
    }

    private static long append(Statement sql, String actor) throws SQLException {
        try (ResultSet rs = sql.executeQuery("""
                select audit_append('%s', null, null, null, null, 'test.migrated', null, null, null, 'success',
                                    null, null, '{"n": 1}')""".formatted(actor))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long head(Statement sql) throws SQLException {
        try (ResultSet rs = sql.executeQuery("select seq from audit_chain_head")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(String url, org.pestle.platform.DatabaseBootstrap.Credentials role)
            throws SQLException {
        return DriverManager.getConnection(url, role.username(), role.password());
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
