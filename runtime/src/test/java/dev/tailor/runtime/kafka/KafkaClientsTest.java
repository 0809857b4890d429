package dev.tailor.runtime.kafka;

import io.quarkus.kafka.client.runtime.KafkaRuntimeConfigProducer;
import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain Kafka clients get every {@code kafka.*} setting the channels get: Quarkus' {@code default-kafka-broker}
 * configuration (built here by Quarkus' own producer from the same configuration sources as in a service), which the
 * SmallRye Kafka connector merges into every channel. The variables are those a secured cluster sets
 * (k8s/components/kafka-security: Strimzi's cluster CA certificate, a KafkaUser's SCRAM credentials).
 */
class KafkaClientsTest {

    static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"query-service\" password=\"s3cret\";";

    @Test
    void securitySettingsFromTheEnvironmentReachThePlainClients(@TempDir Path dir) throws Exception {
        Map<String, Object> settings = clients(secured(dir)).settings(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "follower"));

        assertThat(settings)
                .containsEntry("bootstrap.servers", "tailor-kafka-kafka-bootstrap:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.certificates", caCertificate(dir))
                .containsEntry("client.id", "follower");
    }

    @Test
    void kafkaClientsAcceptThem(@TempDir Path dir) throws Exception {
        // Building a client sets up its TLS context and SASL login from these settings (nothing connects yet):
        // a malformed certificate or login module fails here. Only the address must resolve.
        Map<String, Object> settings = clients(secured(dir)).settings(Map.of("bootstrap.servers", "127.0.0.1:9093"));
        try (var consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
             var producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            assertThat(consumer.assignment()).isEmpty();
            assertThat(producer.metrics()).isNotEmpty();
        }
    }

    @Test
    void theLocalStackByDefaultAndNoConsumerGroup() {
        Map<String, Object> settings = clients(Map.of()).settings(Map.of());

        assertThat(settings).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .doesNotContainKeys("security.protocol", ConsumerConfig.GROUP_ID_CONFIG);
    }

    @Test
    void aClientsOwnSettingsWin() {
        Map<String, Object> settings = clients(Map.of("KAFKA_CLIENT_ID", "shared"))
                .settings(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "own"));

        assertThat(settings).containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "own");
    }

    /** The environment of a service in k8s/overlays/prod (tailor-common and the two Strimzi Secrets). */
    private static Map<String, String> secured(Path dir) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", "tailor-kafka-kafka-bootstrap:9093");
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
        env.put("KAFKA_SSL_TRUSTSTORE_CERTIFICATES", caCertificate(dir));
        env.put("KAFKA_SASL_JAAS_CONFIG", JAAS);
        return env;
    }

    /** What a service's configuration gives the channels and KafkaClients: env over tailor-runtime's defaults. */
    private static KafkaClients clients(Map<String, String> env) {
        SmallRyeConfig config;
        try {
            config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                    .withSources(new EnvConfigSource(env, 300))
                    .withSources(new PropertiesConfigSource(KafkaClientsTest.class.getResource(
                            "/META-INF/microprofile-config.properties"), 100))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new KafkaClients(new KafkaRuntimeConfigProducer().createKafkaRuntimeConfig(config, new Named("a-service")));
    }

    /** A CA certificate in PEM, as Strimzi's cluster CA Secret holds it (ca.crt), made once per test by keytool. */
    private static String caCertificate(Path dir) throws Exception {
        Path pem = dir.resolve("ca.crt");
        if (!pem.toFile().exists()) {
            Path keystore = dir.resolve("ca.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(List.of(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=test-cluster-ca", "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", "changeit"), null);
            run(List.of(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", keystore.toString(),
                    "-storepass", "changeit"), pem);
        }
        return java.nio.file.Files.readString(pem, StandardCharsets.US_ASCII).strip();
    }

    private static void run(List<String> command, Path output) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(output == null);
        if (output != null) {
            pb.redirectOutput(output.toFile());
        }
        Process p = pb.start();
        byte[] log = output == null ? p.getInputStream().readAllBytes() : p.getErrorStream().readAllBytes();
        assertThat(p.waitFor()).as("%s: %s", command.get(1), new String(log, StandardCharsets.UTF_8)).isZero();
    }

    private record Named(String value) implements ApplicationConfig {
        @Override
        public Optional<String> name() {
            return Optional.of(value);
        }

        @Override
        public Optional<String> version() {
            return Optional.empty();
        }

        @Override
        public Optional<String> uiHeader() {
            return Optional.empty();
        }
    }
}
