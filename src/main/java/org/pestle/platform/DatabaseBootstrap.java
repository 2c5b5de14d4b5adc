package org.pestle.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Creates Pestle's database and its two roles on a PostgreSQL server where we hold a superuser
 * connection: the embedded default and test databases. A production server gets the same from
 * {@code docker/postgres/init/01-roles.sql}.
 */
public final class DatabaseBootstrap {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseBootstrap() {
    }

    /**
     * Ensures the owner and app roles and the database exist; safe to repeat.
     *
     * @param superuserUrl JDBC URL of any database on the server, as a superuser
     * @param superuser superuser name
     * @param superuserPassword its password (may be empty for trust authentication)
     * @param database the database to create, owned by the owner role
     * @param owner owner role and its password
     * @param app app role and its password
     */
    public static void ensureDatabase(String superuserUrl, String superuser, String superuserPassword,
            String database, Credentials owner, Credentials app) {
        requireIdentifier(database);
        requireIdentifier(owner.username());
        requireIdentifier(app.username());
        try (Connection c = DriverManager.getConnection(superuserUrl, superuser, superuserPassword);
                Statement s = c.createStatement()) {
            ensureRole(s, owner, "LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB");
            // The app role can never bypass row-level security and owns nothing.
            ensureRole(s, app, "LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS NOINHERIT");
            if (!exists(s, "select 1 from pg_database where datname = '" + database + "'")) {
                s.execute("create database " + database + " owner " + owner.username());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare database " + database + ": " + e.getMessage(), e);
        }
        String databaseUrl = withDatabase(superuserUrl, database);
        try (Connection c = DriverManager.getConnection(databaseUrl, superuser, superuserPassword);
                Statement s = c.createStatement()) {
            s.execute("alter schema public owner to " + owner.username());
            s.execute("revoke all on schema public from public");
            s.execute("grant usage on schema public to " + app.username());
            s.execute("revoke create on database " + database + " from public");
            s.execute("grant connect on database " + database + " to " + app.username());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare schema of " + database + ": " + e.getMessage(), e);
        }
    }

    /** The same JDBC URL pointed at another database on the same server. */
    public static String withDatabase(String jdbcUrl, String database) {
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = jdbcUrl.indexOf('?');
        String base = jdbcUrl.substring(0, slash + 1);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        return base + database + params;
    }

    private static void ensureRole(Statement s, Credentials role, String attributes) throws SQLException {
        String password = role.password().replace("'", "''");
        if (exists(s, "select 1 from pg_roles where rolname = '" + role.username() + "'")) {
            s.execute("alter role " + role.username() + " " + attributes + " password '" + password + "'");
        } else {
            s.execute("create role " + role.username() + " " + attributes + " password '" + password + "'");
        }
    }

    private static boolean exists(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain PostgreSQL identifier: " + name);
        }
    }

    /** A role and its password. */
    public record Credentials(String username, String password) {
    }
}
