package org.pestle.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Pestle's PostgreSQL is and which roles it uses.
 *
 * <p>Two roles: the owner runs migrations and owns every table; the app role is what the
 * application runs as and owns nothing (row-level security cannot be bypassed by it).
 *
 * @param embedded start a real PostgreSQL in-process (the default for {@code ./mvnw spring-boot:run})
 * @param embeddedDataDir where the embedded server keeps its data between runs
 * @param url JDBC URL of the database when not embedded
 * @param ownerUsername role that owns the schema and runs migrations
 * @param ownerPassword its password
 * @param appUsername role the application runs as
 * @param appPassword its password
 * @param poolSize connection pool size of the app role
 * @param connectionTimeout how long a request waits for a free connection
 */
@ConfigurationProperties("pestle.db")
public record DatabaseProperties(
        @DefaultValue("false") boolean embedded,
        @DefaultValue(".pestle/pgdata") Path embeddedDataDir,
        String url,
        @DefaultValue("pestle_owner") String ownerUsername,
        String ownerPassword,
        @DefaultValue("pestle_app") String appUsername,
        String appPassword,
        @DefaultValue("10") int poolSize,
        @DefaultValue("30s") java.time.Duration connectionTimeout) {
}
