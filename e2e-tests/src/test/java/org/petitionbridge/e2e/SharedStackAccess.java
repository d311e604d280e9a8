package org.petitionbridge.e2e;

import java.net.http.HttpResponse;

import org.petitionbridge.localstack.LocalStack;

/** The JVM's one local stack ({@link SharedStack}) for test packages below this one, and its demo clients' calls. */
public final class SharedStackAccess {

    private SharedStackAccess() {
    }

    public static LocalStack.Options options() throws Exception {
        return SharedStack.stack().options();
    }

    /** A JSON POST as a demo client (client credentials), e.g. to seed what a page shows. */
    public static HttpResponse<String> post(String client, String url, String body) throws Exception {
        return SharedStack.platform().post(client, url, body);
    }
}
