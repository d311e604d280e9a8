package org.petitionbridge.risk;

import org.petitionbridge.testsupport.ApiDocument;
import org.petitionbridge.testsupport.ApiDocumentContract;

/**
 * risk's /v3/api-docs names the API, its version and how to get a token, declares the bearer token and its
 * refusals (401, 403, 429) on every operation, and is valid OpenAPI 3.1 ({@link ApiDocument}).
 */
class ApiDocumentationTest extends RiskIntegrationTest implements ApiDocumentContract {

    @Override
    public int apiPort() {
        return port;
    }

    @Override
    public String apiName() {
        return "risk";
    }
}
