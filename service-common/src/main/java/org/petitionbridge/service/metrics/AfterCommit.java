package org.petitionbridge.service.metrics;

import io.micrometer.core.instrument.Counter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts what a transaction did only once it committed: a consumer's transaction that rolls back and runs again, or
 * a request refused at the commit, is not counted twice or at all.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void increment(Counter counter) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }
}
