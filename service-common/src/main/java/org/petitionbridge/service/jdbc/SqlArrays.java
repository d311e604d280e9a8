package org.petitionbridge.service.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/** PostgreSQL {@code text[]} columns to and from Java lists, the same way in every repository. */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** The column's values in order; an empty list for SQL null. The list is unmodifiable. */
    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** A parameter for a {@code text[]} column (the PostgreSQL driver binds a {@code String[]} as one). */
    public static String[] of(Collection<String> values) {
        return values.toArray(String[]::new);
    }
}
