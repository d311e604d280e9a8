package org.petitionbridge.service;

import java.util.ArrayList;
import java.util.List;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * A transaction manager without a resource, for the unit tests of what runs around a transaction: Spring's own
 * synchronizations run as around a real commit, and it records what became of each transaction.
 */
public final class RecordingTransactions extends AbstractPlatformTransactionManager {

    /** "commit", "commit failed" or "rollback", in order. */
    public final List<String> outcomes = new ArrayList<>();
    /** Whether the next commits fail, as when the database went away. */
    public boolean failCommit;

    @Override
    protected Object doGetTransaction() {
        return new Object();
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        if (failCommit) {
            outcomes.add("commit failed");
            throw new TransactionSystemException("the database went away");
        }
        outcomes.add("commit");
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        outcomes.add("rollback");
    }
}
