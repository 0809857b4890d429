package dev.tailor.runtime.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings of the plain kafka-clients consumers and producers a service builds itself (followers of compacted topics,
 * its own producer): every {@code kafka.*} setting the messaging channels get too — bootstrap servers, TLS, SASL —
 * from Quarkus' {@code default-kafka-broker} configuration, so that a secured cluster is configured once for both
 * (KafkaClientsTest; k8s/components/kafka-security sets them as {@code KAFKA_*} variables). Security settings given per
 * channel or connector ({@code mp.messaging.*}) would reach the channels only: k8s/tools/check_security.py refuses them.
 */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> broker;

    KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> broker) {
        this.broker = broker;
    }

    /** The shared settings overridden by {@code clientSettings}. */
    public Map<String, Object> settings(Map<String, Object> clientSettings) {
        Map<String, Object> settings = new HashMap<>(broker);
        // Quarkus defaults group.id to the application name; our plain clients assign partitions and commit nothing.
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.putAll(clientSettings);
        return settings;
    }
}
