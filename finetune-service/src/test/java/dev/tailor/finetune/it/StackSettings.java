package dev.tailor.finetune.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings finetune-service's tests run with: a short quiet period and poll, no schedule (runs start when a test
 * asks), datasets under target/, the real model-service as provider (MODEL_SERVICE_URL; ./dev/test starts it).
 */
public class StackSettings implements QuarkusTestResourceLifecycleManager {

    static final String MODEL_SERVICE = System.getenv().getOrDefault("MODEL_SERVICE_URL", "http://127.0.0.1:8083/v1");

    protected Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("tailor.finetune.provider.base-url", MODEL_SERVICE);
        s.put("tailor.finetune.quiet-period", "PT20S");
        s.put("tailor.finetune.min-examples", "4");
        s.put("tailor.finetune.poll-interval", "1s");
        s.put("tailor.finetune.index-resync", "2s");
        s.put("tailor.finetune.schedule.cron", "off");
        s.put("tailor.finetune.dataset.path", Path.of("target", "test-datasets").toAbsolutePath().toString());
        return s;
    }

    @Override
    public Map<String, String> start() {
        return settings();
    }

    @Override
    public void stop() {
    }
}
