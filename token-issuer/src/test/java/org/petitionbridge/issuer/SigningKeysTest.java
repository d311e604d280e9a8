package org.petitionbridge.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Signing keys on disk: kept across restarts, rotated beside the old ones, the newest signs. */
class SigningKeysTest {

    @TempDir
    Path dir;

    private static String kidOfTokenSignedBy(SigningKeys keys) {
        var jwt = new NimbusJwtEncoder(keys.signing()).encode(JwtEncoderParameters.from(JwtClaimsSet.builder()
                .subject("rsj").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build()));
        return jwt.getHeaders().get("kid").toString();
    }

    private static List<JWK> published(SigningKeys keys) throws Exception {
        return keys.publishing().get(new JWKSelector(new JWKMatcher.Builder().build()), null);
    }

    @Test
    void aKeyMadeOnceIsTheSameAfterARestart() throws Exception {
        SigningKeys first = SigningKeys.inDirectory(dir.resolve("keys"));
        String kid = kidOfTokenSignedBy(first);

        SigningKeys afterRestart = SigningKeys.inDirectory(dir.resolve("keys"));

        assertThat(kidOfTokenSignedBy(afterRestart)).isEqualTo(kid);
        assertThat(afterRestart.current().toRSAPublicKey()).isEqualTo(first.current().toRSAPublicKey());
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE);
        try (var files = Files.list(dir.resolve("keys"))) {
            Path file = files.findFirst().orElseThrow();
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void aRotatedKeySignsAtOnceAndTheOldOneStaysPublished() throws Exception {
        SigningKeys running = SigningKeys.inDirectory(dir);
        String old = kidOfTokenSignedBy(running);

        // what --rotate-signing-key does, from another process: the running issuer picks it up without a restart
        String added = SigningKeys.inDirectory(dir).rotate();

        assertThat(added).isNotEqualTo(old);
        assertThat(kidOfTokenSignedBy(running)).isEqualTo(added);
        assertThat(published(running)).extracting(JWK::getKeyID).containsExactly(added, old);
        assertThat(published(running)).allSatisfy(k -> assertThat(k.isPrivate()).isTrue());
    }

    @Test
    void inMemoryKeysAreOneAndNew() {
        SigningKeys a = SigningKeys.inMemory();
        SigningKeys b = SigningKeys.inMemory();
        assertThat(kidOfTokenSignedBy(a)).isNotEqualTo(kidOfTokenSignedBy(b));
    }
}
