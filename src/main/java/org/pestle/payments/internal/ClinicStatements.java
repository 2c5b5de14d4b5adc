package org.pestle.payments.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A clinic's monthly statement: the orders billed to its invoice that month (table {@code invoice_line}). */
@Repository
public class ClinicStatements {

    private final JdbcClient jdbc;

    ClinicStatements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Statement of(UUID clinicId, YearMonth month) {
        List<Statement.Line> lines = jdbc.sql("""
                select order_id, order_number, amount_cents, added_at from invoice_line
                where clinic_id = ? and billing_month = ? order by added_at, order_number""")
                .params(clinicId, month.atDay(1))
                .query((rs, row) -> new Statement.Line(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
        return new Statement(clinicId, month.atDay(1), "usd", lines,
                lines.stream().mapToLong(Statement.Line::amountCents).sum());
    }

    public record Statement(UUID clinicId, LocalDate month, String currency, List<Line> orders, long totalCents) {

        record Line(UUID orderId, long orderNumber, long amountCents, Instant billedAt) {
        }
    }
}
