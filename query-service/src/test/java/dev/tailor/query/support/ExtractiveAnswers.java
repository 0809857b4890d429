package dev.tailor.query.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Answers without a chat model (quotes of the permitted passages): for tests about what is retrieved and shown. */
public class ExtractiveAnswers implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tailor.query.chat.enabled", "false");
    }
}
