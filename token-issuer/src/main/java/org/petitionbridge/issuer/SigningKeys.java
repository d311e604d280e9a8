package org.petitionbridge.issuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The issuer's RSA signing keys. Kept as JWK files in a directory ({@code TOKEN_SIGNING_KEYS_DIR}; the local stack
 * uses its data directory, compose a volume), they survive a restart, so a token issued before it stays valid until
 * it expires. The newest key signs; every key in the directory is published at {@code /oauth2/jwks}, so rotation
 * ({@link #rotate()}: a new key beside the old ones) needs no restart: the issuer signs with the new key at once,
 * and the services fetch the key set again when a token names a key id they do not know yet. Remove an old key's
 * file once the tokens it signed have expired. Without a directory the issuer keeps one key in memory (tests).
 * <p>
 * Hand-written because Spring Authorization Server leaves key storage to the application; Nimbus (which it uses)
 * reads and writes the JWK format.
 */
public final class SigningKeys {

    private static final String SUFFIX = ".jwk.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS")
            .withZone(ZoneOffset.UTC);

    private final Path directory;
    private volatile List<String> listed = List.of();
    private volatile List<JWK> keys;

    private SigningKeys(Path directory, List<JWK> keys) {
        this.directory = directory;
        this.keys = keys;
    }

    /** One key made now and kept in memory only: tokens do not survive a restart. */
    public static SigningKeys inMemory() {
        return new SigningKeys(null, List.of(newKey()));
    }

    /** The keys of a directory, which is created (owner only) with a first key when it has none. */
    public static SigningKeys inDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            try {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory keeps its default permissions
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the signing key directory " + directory, e);
        }
        SigningKeys keys = new SigningKeys(directory, List.of());
        if (keys.files().isEmpty()) {
            keys.rotate();
        }
        keys.reload();
        return keys;
    }

    /** Adds a new signing key beside the old ones; from now on it signs. Returns its key id. */
    public String rotate() {
        if (directory == null) {
            throw new IllegalStateException("the in-memory signing key cannot be rotated; set TOKEN_SIGNING_KEYS_DIR");
        }
        RSAKey key = newKey();
        Path target = directory.resolve(key.getKeyID() + SUFFIX);
        try {
            Path temporary = Files.createTempFile(directory, "new-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the signing key " + target, e);
        }
        reload();
        return key.getKeyID();
    }

    /** The key that signs new tokens: the newest. */
    public RSAKey current() {
        return (RSAKey) published().get(0);
    }

    /** Every key, newest first, as the JWK set publishes them (private parts are never published: Nimbus strips them). */
    public List<JWK> published() {
        if (directory != null && !files().equals(listed)) {
            reload();
        }
        return keys;
    }

    /** The JWK set endpoint's source: every key. */
    public JWKSource<SecurityContext> publishing() {
        return (selector, context) -> selector.select(new JWKSet(published()));
    }

    /** The encoder's source: the current key only, so that it never has to choose between several. */
    public JWKSource<SecurityContext> signing() {
        return (selector, context) -> selector.select(new JWKSet(current()));
    }

    private synchronized void reload() {
        List<String> names = files();
        List<JWK> loaded = new ArrayList<>();
        for (String name : names) {
            try {
                loaded.add(JWK.parse(Files.readString(directory.resolve(name), StandardCharsets.UTF_8)));
            } catch (IOException | ParseException e) {
                throw new IllegalStateException("cannot read the signing key " + directory.resolve(name), e);
            }
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("the signing key directory " + directory + " holds no key");
        }
        keys = List.copyOf(loaded);
        listed = names;
    }

    /** The key files, newest first (their names start with the time they were made). */
    private List<String> files() {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                    .sorted((a, b) -> b.compareTo(a)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the signing key directory " + directory, e);
        }
    }

    private static RSAKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(STAMP.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8))
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no RSA key pair generator", e);
        }
    }
}
