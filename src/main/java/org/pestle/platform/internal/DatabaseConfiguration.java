package org.pestle.platform.internal;

import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.pestle.platform.DatabaseBootstrap;
import org.pestle.platform.DatabaseBootstrap.Credentials;
import org.pestle.platform.DatabaseProperties;
import org.pestle.platform.DatabaseServer;
import org.pestle.platform.ScopeResolver;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.StringUtils;

/**
 * The two connections to PostgreSQL: the pooled one the application runs with (app role) and the
 * plain one Flyway migrates with (owner role).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    static final String EMBEDDED_DATABASE = "pestle";
    static final String EMBEDDED_OWNER_PASSWORD = "pestle_owner";
    static final String EMBEDDED_APP_PASSWORD = "pestle_app";

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(DatabaseProperties properties) {
        if (!properties.embedded()) {
            if (!StringUtils.hasText(properties.url()) || !StringUtils.hasText(properties.ownerPassword())
                    || !StringUtils.hasText(properties.appPassword())) {
                throw new IllegalStateException("pestle.db.url, pestle.db.owner-password and pestle.db.app-password "
                        + "must be set (PESTLE_DB_URL, PESTLE_DB_OWNER_PASSWORD, PESTLE_DB_APP_PASSWORD) "
                        + "when the embedded database is off");
            }
            return new DatabaseServer(properties.url(), properties.ownerUsername(), properties.ownerPassword(),
                    properties.appUsername(), properties.appPassword(), false, () -> { });
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(properties.embeddedDataDir());
        try {
            Credentials owner = new Credentials(properties.ownerUsername(), EMBEDDED_OWNER_PASSWORD);
            Credentials app = new Credentials(properties.appUsername(), EMBEDDED_APP_PASSWORD);
            DatabaseBootstrap.ensureDatabase(server.superuserUrl(), "postgres", "", EMBEDDED_DATABASE, owner, app);
            return new DatabaseServer(DatabaseBootstrap.withDatabase(server.superuserUrl(), EMBEDDED_DATABASE),
                    owner.username(), owner.password(), app.username(), app.password(), server.freshlyCreated(),
                    () -> closeQuietly(server));
        } catch (RuntimeException e) {
            closeQuietly(server);
            throw e;
        }
    }

    @Bean
    @Primary
    DataSource dataSource(DatabaseServer server, DatabaseProperties properties) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("pestle-app");
        pool.setJdbcUrl(server.jdbcUrl());
        pool.setUsername(server.appUsername());
        pool.setPassword(server.appPassword());
        pool.setMaximumPoolSize(properties.poolSize());
        pool.setConnectionTimeout(properties.connectionTimeout().toMillis());
        return pool;
    }

    /** The one transaction manager, for Pestle's code and Camunda's engine alike; it sets the data scope. */
    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource, List<ScopeResolver> resolvers) {
        return new ScopedTransactionManager(dataSource, resolvers);
    }

    @Bean
    @FlywayDataSource
    DataSource migrationDataSource(DatabaseServer server) {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), server.jdbcUrl(), server.ownerUsername(),
                server.ownerPassword());
    }

    private static void closeQuietly(EmbeddedPostgresServer server) {
        try {
            server.close();
        } catch (Exception ignored) {
            // the original failure is what matters
        }
    }
}
