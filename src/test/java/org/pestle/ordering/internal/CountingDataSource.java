package org.pestle.ordering.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Benchmark instrumentation (as in ../shared/bench/engine-floor): a DataSource around the pool that
 * counts what is sent to the database. Statements: every SQL statement (a batched row counts once).
 * Round trips: execute calls + executeBatch calls + commits and rollbacks (the driver sends a batch in
 * one exchange and piggybacks BEGIN on the first statement of a transaction).
 */
final class CountingDataSource implements DataSource {

    /** Counter values at one moment; subtract two to get the counts of an interval. */
    record Counts(long statements, long roundTrips, long commits) {

        Counts minus(Counts earlier) {
            return new Counts(statements - earlier.statements, roundTrips - earlier.roundTrips,
                    commits - earlier.commits);
        }
    }

    private interface After {
        Object apply(Method method, Object[] args, Object result);
    }

    private final DataSource target;
    private final LongAdder executes = new LongAdder();
    private final LongAdder batchedStatements = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final Map<String, LongAdder> bySql = new ConcurrentHashMap<>();

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    Counts counts() {
        long e = executes.sum();
        long c = commits.sum();
        return new Counts(e + batchedStatements.sum(), e + batches.sum() + c, c);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(target.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return connection(target.getConnection(user, password));
    }

    /** Statements and batch rows per SQL text (its first 100 characters, whitespace folded), most first. */
    Map<String, Long> bySql() {
        Map<String, Long> counts = new LinkedHashMap<>();
        bySql.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> counts.put(e.getKey(), e.getValue().sum()));
        return counts;
    }

    /** Forgets the counts per SQL text. */
    void resetBySql() {
        bySql.clear();
    }

    private Connection connection(Connection real) {
        return proxy(Connection.class, real, (method, args, result) -> {
            String name = method.getName();
            if (name.equals("commit") || name.equals("rollback")) {
                commits.increment();
                count(name.toUpperCase(java.util.Locale.ROOT));
            }
            String prepared = (name.startsWith("prepare") && args != null && args.length > 0
                    && args[0] instanceof String sql) ? sql : null;
            if (result instanceof CallableStatement s) {
                return proxy(CallableStatement.class, s, (m, a, r) -> onStatement(m, a, r, prepared));
            }
            if (result instanceof PreparedStatement s) {
                return proxy(PreparedStatement.class, s, (m, a, r) -> onStatement(m, a, r, prepared));
            }
            if (result instanceof Statement s) {
                return proxy(Statement.class, s, (m, a, r) -> onStatement(m, a, r, null));
            }
            return result;
        });
    }

    private Object onStatement(Method method, Object[] args, Object result, String prepared) {
        String sql = prepared != null ? prepared
                : args != null && args.length > 0 && args[0] instanceof String text ? text : "(batch of statements)";
        switch (method.getName()) {
            case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> {
                executes.increment();
                count(sql);
            }
            case "addBatch" -> {
                batchedStatements.increment();
                count(sql);
            }
            case "executeBatch", "executeLargeBatch" -> batches.increment();
            default -> {
            }
        }
        return result;
    }

    private void count(String sql) {
        String key = sql.replaceAll("\\s+", " ").strip();
        bySql.computeIfAbsent(key.length() > 100 ? key.substring(0, 100) : key, k -> new LongAdder()).increment();
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        Object proxy = Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return after.apply(method, args, result);
                });
        return type.cast(proxy);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
