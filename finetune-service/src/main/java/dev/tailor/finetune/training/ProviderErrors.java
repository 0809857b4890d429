package dev.tailor.finetune.training;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns a provider's error response into {@link ProviderUnavailable} (transient) or {@link ProviderRejected}. */
public class ProviderErrors implements ResponseExceptionMapper<RuntimeException> {

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        String body = body(response);
        String message = "HTTP " + status + (body.isBlank() ? "" : ": " + body);
        boolean transientError = status == 408 || status == 429 || status >= 500;
        return transientError ? new ProviderUnavailable(message) : new ProviderRejected(status, message);
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    private static String body(Response response) {
        try {
            String body = response.readEntity(String.class);
            return body == null ? "" : body.length() > 500 ? body.substring(0, 500) + "…" : body;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
