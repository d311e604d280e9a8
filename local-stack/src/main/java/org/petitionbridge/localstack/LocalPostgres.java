package org.petitionbridge.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 17 (zonky's embedded binaries) on a fixed port with a persistent data directory, and one database
 * per service, created on first start.
 */
final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final int port;

    private LocalPostgres(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    static LocalPostgres start(Path dataDir, int port, List<String> databases) throws Exception {
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // zonky's defaults suit throw-away test databases (no fsync); the local stack keeps its data.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                // Which statements cost PostgreSQL the most (docs/operations.md, "PostgreSQL"; the benchmark prints
                // them): the view appears in a database once it runs "create extension pg_stat_statements".
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                // The stack stops PostgreSQL itself, after the services (LocalStack.close, from its shutdown hook):
                // zonky's own hook would stop it at JVM exit under services still committing, which then wait out
                // their connection timeout before they can stop.
                .setRegisterShutdownHook(false)
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String database : databases) {
                try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                    if (!rs.next()) {
                        s.execute("create database " + database);
                    }
                }
            }
        }
        return new LocalPostgres(postgres, port);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    @Override
    public void close() throws Exception {
        postgres.close();
    }
}
