package org.petitionbridge.e2e;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Every log line of every service in this JVM (the local stack's), kept from {@link #start()} on. */
final class CapturedLogs {

    private CapturedLogs() {
    }

    static ListAppender<ILoggingEvent> start() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.setContext(context);
        logs.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
        return logs;
    }

    static void stop(ListAppender<ILoggingEvent> logs) {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .detachAppender(logs);
    }
}
