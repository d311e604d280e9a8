package org.petitionbridge.e2e;

import org.petitionbridge.localstack.LocalStack;

/** The JVM's one local stack ({@link SharedStack}) for test packages below this one. */
public final class SharedStackAccess {

    private SharedStackAccess() {
    }

    public static LocalStack.Options options() throws Exception {
        return SharedStack.stack().options();
    }
}
