package com.claribi.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Many rows written straight to the test database, for tests of behaviour at scale (a user with seventy thousand
 * sessions, a list of a hundred dashboards): one prepared statement, sent in batches of 5,000.
 */
public final class ScaleRows {

    private static final int BATCH = 5_000;

    private ScaleRows() {}

    /** Binds the parameters of row {@code index} (0 to count - 1) of an insert. */
    @FunctionalInterface
    public interface Row {
        void bind(PreparedStatement insert, int index) throws SQLException;
    }

    /** Runs {@code insertSql} {@code count} times, each with the parameters {@code row} binds. */
    public static void insert(DataSource dataSource, String insertSql, int count, Row row) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(insertSql)) {
            for (int i = 0; i < count; i++) {
                row.bind(insert, i);
                insert.addBatch();
                if (i % BATCH == BATCH - 1) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot insert " + count + " rows: " + insertSql, e);
        }
    }
}
