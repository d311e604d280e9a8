package org.petitionbridge.console;

import java.net.URI;

import io.micrometer.common.KeyValue;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;

/**
 * The console's calls to the services as spans and metrics, with the URL's path but never its query: a query can
 * carry what a person typed (the purpose of an identity read), and traces leave the platform for the trace backend.
 * Spring's default names the whole URL ({@code http.url}).
 */
class ClientSpans extends DefaultClientRequestObservationConvention {

    @Override
    protected KeyValue requestUri(ClientRequestObservationContext context) {
        KeyValue full = super.requestUri(context);
        if (context.getCarrier() == null) {
            return full;
        }
        URI uri = context.getCarrier().getURI();
        return KeyValue.of(full.getKey(), uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath());
    }
}
