package org.petitionbridge.service.tracing;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries a trace across the places where the platform hands work from one thread to a later one: the outbox (the
 * transaction that wrote an event stores its W3C {@code traceparent}, and the relay sends it as a record header) and
 * notify's deliveries (planned in a consumer's transaction, sent later by the dispatcher). Within a thread, Micrometer
 * Tracing does the rest: Spring MVC continues an incoming {@code traceparent}, the Kafka listener continues the one in
 * the record's headers, and every log line carries the current trace id.
 */
public final class EventTracing {

    /** The W3C Trace Context header, in HTTP requests and in Kafka record headers. */
    public static final String TRACEPARENT = "traceparent";

    private static final EventTracing NONE = new EventTracing(null, null);

    private final Tracer tracer;
    private final Propagator propagator;

    public EventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No tracing (a context without a tracer): nothing is stored, nothing is continued. */
    public static EventTracing none() {
        return NONE;
    }

    /** The {@code traceparent} of the current span, or null when no span is current. */
    public String currentTraceParent() {
        if (tracer == null || propagator == null) {
            return null;
        }
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(4);
        propagator.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Starts a span that continues the given {@code traceparent} (a new trace when it is null or cannot be read).
     * The caller ends it; {@link Started#open()} makes it current on a thread, so that log lines and the
     * {@code traceparent} written there name it.
     */
    public Started start(String traceParent, String name, Span.Kind kind) {
        if (tracer == null || propagator == null) {
            return Started.NONE;
        }
        Span.Builder builder = traceParent == null ? tracer.spanBuilder()
                : propagator.extract(Map.of(TRACEPARENT, traceParent), (carrier, key) -> carrier.get(key));
        Span span = builder.name(name).kind(kind).start();
        return new Started(tracer, span);
    }

    /** A span started by {@link #start}. */
    public static final class Started {

        /** No span (tracing off, or nothing to continue). */
        public static final Started NONE = new Started(null, null);

        private final Tracer tracer;
        private final Span span;

        Started(Tracer tracer, Span span) {
            this.tracer = tracer;
            this.span = span;
        }

        /** Makes the span current on this thread until the returned scope is closed. */
        public Scope open() {
            if (span == null) {
                return () -> { };
            }
            Tracer.SpanInScope scope = tracer.withSpan(span);
            return scope::close;
        }

        /** Records an error on the span (its class and message only: the messages of this platform name no person). */
        public void error(String message) {
            if (span != null) {
                span.tag("error", message);
            }
        }

        public void end() {
            if (span != null) {
                span.end();
            }
        }
    }

    /** A scope that closes without a checked exception. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
