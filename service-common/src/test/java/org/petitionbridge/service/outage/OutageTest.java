package org.petitionbridge.service.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.petitionbridge.events.InvalidEventException;

class OutageTest {

    @Test
    void aDatabaseThatCannotBeReachedIsAnOutage() {
        assertThat(Outage.isOutage(new CannotGetJdbcConnectionException("no connection",
                new SQLException("Connection to localhost:15432 refused", "08001")))).isTrue();
        assertThat(Outage.isOutage(new CannotCreateTransactionException("could not open a JDBC connection"))).isTrue();
    }

    @Test
    void aConnectionLostInTheMiddleOfAStatementIsAnOutageWhereverItIsWrapped() {
        SQLException terminated = new SQLException("terminating connection due to administrator command", "57P01");
        assertThat(Outage.isOutage(new IllegalStateException("handler failed",
                new UncategorizedSQLException("insert", "insert into x", terminated)))).isTrue();
        assertThat(Outage.isOutage(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void faultsOfTheRecordOrTheRequestAreNot() {
        assertThat(Outage.isOutage(new InvalidEventException("not JSON"))).isFalse();
        assertThat(Outage.isOutage(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(Outage.isOutage(new SQLException("division by zero", "22012"))).isFalse();
        assertThat(Outage.isOutage(new IllegalArgumentException("bad"))).isFalse();
    }

    @Test
    void connectionStatesAreClasses08And53And57P() {
        assertThat(Outage.isConnectionState("08006")).isTrue();
        assertThat(Outage.isConnectionState("53300")).isTrue();
        assertThat(Outage.isConnectionState("57P03")).isTrue();
        assertThat(Outage.isConnectionState("57014")).isFalse(); // query cancelled on purpose
        assertThat(Outage.isConnectionState("23505")).isFalse();
        assertThat(Outage.isConnectionState(null)).isFalse();
    }
}
