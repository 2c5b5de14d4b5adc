package org.pestle.platform;

/**
 * The PostgreSQL server Pestle runs on, embedded or external.
 *
 * @param jdbcUrl URL of Pestle's database
 * @param ownerUsername role that owns the schema (migrations)
 * @param ownerPassword its password
 * @param appUsername role the application runs as
 * @param appPassword its password
 * @param freshlyCreated true when an embedded server was initialized in this run (first start)
 * @param onClose what stops the server, if we started it
 */
public record DatabaseServer(String jdbcUrl, String ownerUsername, String ownerPassword, String appUsername,
        String appPassword, boolean freshlyCreated, Runnable onClose) implements AutoCloseable {

    @Override
    public void close() {
        onClose.run();
    }

    @Override
    public String toString() {
        return "DatabaseServer[" + jdbcUrl + "]";
    }
}
