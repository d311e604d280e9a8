package org.petitionbridge.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.petitionbridge.kafka.SingleNodeKafka;

/**
 * A real single-node Kafka broker and controller (KRaft) in the test JVM that authenticates with SASL/SCRAM and
 * authorizes with ACLs, as a production cluster does. Two client listeners:
 * <ul>
 * <li>{@code PLAINTEXT} ({@link #plaintextBootstrapServers()}): the test's own admin, producers and readers. Its
 * principal ({@code User:ANONYMOUS}) is a super user, like the controller's listener, so the test can set up
 * topics, users and ACLs and inspect everything.</li>
 * <li>{@code SASL_PLAINTEXT} ({@link #saslBootstrapServers()}) with {@code SCRAM-SHA-512}: the clients under test.
 * {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}: a user may do only what an ACL
 * from {@link #allow(AclBinding...)} grants.</li>
 * </ul>
 * Users are added with {@link #addUser(String, String)}; there are none at start. Topics are not created
 * automatically. Every request the authorizer refuses is recorded ({@link #denials(String)}), so a test can check
 * that a client needed no more than the ACLs it was given, even where the client only logs a refusal.
 */
public final class ScramKafka implements AutoCloseable {

    /** The SASL mechanism of the SASL listener. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    /** The refusals of each running broker, by the key its authorizer finds in its configuration. */
    private static final Map<String, Queue<String>> DENIALS = new ConcurrentHashMap<>();
    private static final String DENIALS_KEY = "petitionbridge.test.denials.key";

    private final Queue<String> denials = new ConcurrentLinkedQueue<>();
    private final String denialsKey = UUID.randomUUID().toString();
    private final SingleNodeKafka broker;

    private ScramKafka() {
        DENIALS.put(denialsKey, denials);
        int saslPort = SingleNodeKafka.freePort();
        this.broker = SingleNodeKafka.temporary()
                .listener("SASL_PLAINTEXT", "SASL_PLAINTEXT", saslPort)
                .autoCreateTopics(false)
                // SCRAM on the SASL listener only; the broker has no JAAS file, so the login module is set per
                // listener.
                .property("sasl.enabled.mechanisms", MECHANISM)
                .property("listener.name.sasl_plaintext.sasl.enabled.mechanisms", MECHANISM)
                .property("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                // ACLs: nothing is allowed without one, except for the super user (the PLAINTEXT and controller
                // listeners). StandardAuthorizer, which also records what it refuses.
                .property("authorizer.class.name", RecordingAuthorizer.class.getName())
                .property(DENIALS_KEY, denialsKey)
                .property("allow.everyone.if.no.acl.found", "false")
                .property("super.users", "User:ANONYMOUS")
                .property("connection.failed.authentication.delay.ms", "100")
                .start();
    }

    /** Formats a fresh log directory, picks three free ports and starts the broker. */
    public static ScramKafka start() {
        try {
            return new ScramKafka();
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not start the SCRAM test broker", e);
        }
    }

    /** {@code localhost:<port>} of the PLAINTEXT listener, whose (anonymous) clients are super users. */
    public String plaintextBootstrapServers() {
        return broker.bootstrapServers();
    }

    /** {@code localhost:<port>} of the SASL_PLAINTEXT listener (SCRAM-SHA-512, ACLs apply). */
    public String saslBootstrapServers() {
        return broker.bootstrapServers("SASL_PLAINTEXT");
    }

    /** The JAAS line of a SCRAM client, as {@code sasl.jaas.config} takes it. */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** Client settings (admin, consumer or producer) of a user on the SASL listener. */
    public Map<String, Object> saslClient(String user, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, saslBootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
        return config;
    }

    /** An admin client on the PLAINTEXT listener (super user); the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plaintextBootstrapServers()));
    }

    /**
     * Creates (or replaces) the SCRAM-SHA-512 credential of a user and waits until the broker accepts it: a client
     * of that user authenticates on the SASL listener.
     */
    public void addUser(String name, String password) {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(name,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the SCRAM user " + name, e);
        }
        // The controller has the credential now; the broker applies it from the metadata log a moment later.
        // DescribeCluster needs no ACL, so it succeeds as soon as authentication does. (test-support has no
        // Awaitility; each failed attempt is paced by the broker, which answers a failed authentication only
        // after connection.failed.authentication.delay.ms.)
        Map<String, Object> client = saslClient(name, password);
        client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        client.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin user = Admin.create(client)) {
                user.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the SCRAM user " + name, e);
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException("the SCRAM user " + name + " could not authenticate within 20 s", last);
    }

    /**
     * What the authorizer refused to a user so far (requests Kafka audits, i.e. with {@code logIfDenied}), e.g.
     * {@code "DESCRIBE Topic:LITERAL:petition.received.v1 (Metadata)"}.
     */
    public List<String> denials(String user) {
        String principal = "User:" + user + " ";
        return denials.stream().filter(d -> d.startsWith(principal)).map(d -> d.substring(principal.length()))
                .toList();
    }

    /** Creates ACLs (over the PLAINTEXT listener) and returns once the controller has accepted them. */
    public void allow(AclBinding... bindings) {
        try (Admin admin = admin()) {
            admin.createAcls(List.of(bindings)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the ACLs " + List.of(bindings), e);
        }
    }

    /** Stops the broker and deletes its data. */
    @Override
    public synchronized void close() {
        broker.close();
        DENIALS.remove(denialsKey);
    }

    /** Kafka's {@link StandardAuthorizer}, unchanged, recording every audited refusal for {@link #denials(String)}. */
    public static class RecordingAuthorizer extends StandardAuthorizer {

        private Queue<String> sink = new ConcurrentLinkedQueue<>();

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            Queue<String> registered = DENIALS.get(String.valueOf(configs.get(DENIALS_KEY)));
            if (registered != null) {
                sink = registered;
            }
        }

        @Override
        public List<AuthorizationResult> authorize(AuthorizableRequestContext context, List<Action> actions) {
            List<AuthorizationResult> results = super.authorize(context, actions);
            for (int i = 0; i < actions.size(); i++) {
                Action action = actions.get(i);
                if (results.get(i) == AuthorizationResult.DENIED && action.logIfDenied()) {
                    sink.add(context.principal() + " " + action.operation() + " "
                            + action.resourcePattern().resourceType().name().charAt(0)
                            + action.resourcePattern().resourceType().name().substring(1).toLowerCase()
                            + ":" + action.resourcePattern().patternType() + ":" + action.resourcePattern().name()
                            + " (" + ApiKeys.forId(context.requestType()).name + ")");
                }
            }
            return results;
        }
    }
}
