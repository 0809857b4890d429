package dev.tailor.ingest.support;

import dev.tailor.ingest.config.IngestConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.Map;

/** {@link IngestConfig} as the service reads it (its own defaults), with some keys set, for tests without Quarkus. */
public final class TestConfig {

    private TestConfig() {
    }

    public static IngestConfig ingest(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(IngestConfig.class)
                // Quarkus' own reading of "200ms", "10s"
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(IngestConfig.class);
    }
}
