package dev.tailor.query.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Answers with the local chat model, model-service, as by default: the one dev/test starts (MODEL_SERVICE_URL when
 * it names another), with room for a 135M-parameter model on a busy CPU.
 */
public class LocalModel implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        String url = System.getenv("MODEL_SERVICE_URL");
        return url == null || url.isBlank()
                ? Map.of("tailor.query.chat.enabled", "true", "tailor.query.chat.timeout", "300s")
                : Map.of("tailor.query.chat.enabled", "true", "tailor.query.chat.timeout", "300s",
                "tailor.query.chat.base-url", url);
    }
}
