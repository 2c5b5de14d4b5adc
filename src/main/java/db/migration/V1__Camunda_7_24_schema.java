package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates Camunda 7.24's tables from the SQL scripts shipped inside the engine jar, as the schema
 * owner. The engine itself runs with {@code database-schema-update: false} as the app role, which
 * owns nothing. A later Camunda upgrade adds a migration that runs the engine's upgrade scripts.
 */
public class V1__Camunda_7_24_schema extends BaseJavaMigration {

    private static final String BASE = "org/camunda/bpm/engine/db/create/activiti.postgres.create.";
    private static final List<String> PARTS = List.of("engine", "history", "identity", "case.engine",
            "case.history", "decision.engine", "decision.history");

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String part : PARTS) {
                statement.execute(read(BASE + part + ".sql"));
            }
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = V1__Camunda_7_24_schema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Camunda schema script not on the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
