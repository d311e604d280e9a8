package org.petitionbridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The stack's ports are chosen before its processes bind them: below the kernel's ephemeral range (where the local
 * end of a client connection is never placed, so none can take one meanwhile), bindable, and never the same twice.
 */
class FreePortsTest {

    @Test
    void freePortsAreBelowTheEphemeralRangeBindableAndDistinct() throws Exception {
        int lowestEphemeral = LocalStack.lowestEphemeralPort();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int port = LocalStack.free(0);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
            if (lowestEphemeral > 12_000) {
                assertThat(port).isBetween(lowestEphemeral - 10_000, lowestEphemeral - 1);
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortAskedForIsKept() {
        assertThat(LocalStack.free(18_080)).isEqualTo(18_080);
    }
}
