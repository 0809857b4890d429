package dev.tailor.ingest.poison;

import dev.tailor.contracts.Topics;
import dev.tailor.ingest.config.IngestConfig;
import dev.tailor.ingest.events.DeadLetterPublisher;
import dev.tailor.ingest.index.DocumentIndex;
import dev.tailor.ingest.poison.PoisonCorpus.End;
import dev.tailor.ingest.poison.PoisonCorpus.Poison;
import dev.tailor.ingest.deadletters.DeadLetters;
import dev.tailor.ingest.support.ConsumerWarmup;
import dev.tailor.ingest.support.DeadLetterTail;
import dev.tailor.testsupport.Tokens;
import dev.tailor.testsupport.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.tailor.testsupport.TopicTail.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The poison corpus against the running service and the real stack: each record ends where {@link PoisonCorpus} says
 * — in the DLQ with its reason and limit, or indexed — while good events published between them are indexed, and
 * the service stays live and ready. Then an operator lists one through the API and replays it.
 */
@QuarkusTest
class PoisonTest {

    @Inject
    DocumentIndex index;

    @Inject
    IngestConfig config;

    @Test
    void everyPoisonEndsWhereItShouldWhileGoodEventsKeepFlowing() {
        // the tail reads the DLQ from its end now: before anything is published
        try (TopicWriter topic = new TopicWriter(); DeadLetterTail dlq = new DeadLetterTail()) {
            ConsumerWarmup.await(topic, index);
            List<Poison> corpus = PoisonCorpus.all(config.limits(), PoisonCorpus.brokerRecordLimit());
            List<String> good = PoisonCorpus.publishWithGoodEvents(corpus, "hr");

            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (Poison p : corpus) {
                    if (p.end() == End.DEAD_LETTERED) {
                        assertThat(dlq.copies(p.record().key())).as("DLQ record of %s", p.kind()).isNotEmpty();
                    } else {
                        assertThat(index.document(p.docId())).as("indexed %s", p.kind()).isPresent();
                    }
                }
                for (String ok : good) {
                    assertThat(index.document(ok)).as("good event %s", ok).isPresent();
                }
            });
            for (Poison p : corpus) {
                if (p.end() == End.DEAD_LETTERED) {
                    ConsumerRecord<String, byte[]> dead = dlq.copies(p.record().key()).get(0);
                    assertThat(header(dead.headers(), DeadLetterPublisher.LIMIT)).as("limit of %s", p.kind()).isEqualTo(p.limit());
                    if (p.reason() != null) {
                        assertThat(header(dead.headers(), DeadLetterPublisher.REASON)).as("reason of %s", p.kind()).contains(p.reason());
                    }
                    assertThat(header(dead.headers(), DeadLetterPublisher.TOPIC)).isEqualTo(Topics.DOCS_CHANGES);
                    assertThat(header(dead.headers(), DeadLetterPublisher.OFFSET)).matches("\\d+");
                    if (header(dead.headers(), DeadLetterPublisher.VALUE_OMITTED) == null) {
                        assertThat(dead.value()).as("original bytes of %s", p.kind()).isEqualTo(p.record().value());
                    }
                }
            }
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

            // an operator finds one by its key, then replays it: the same limit sends it back, marked as a replay
            Poison over = corpus.stream().filter(p -> p.kind().equals("title-bytes-over")).findFirst().orElseThrow();
            ConsumerRecord<String, byte[]> dead = dlq.copies(over.record().key()).get(0);
            String admin = Tokens.of("admin");
            given().auth().oauth2(admin).queryParam("key", over.record().key()).queryParam("offset", dead.offset())
                    .get("/api/v1/dead-letters")
                    .then().statusCode(200)
                    .body("kind", hasItem("limit"))
                    .body("limit", hasItem("tailor.ingest.limits.title-bytes"))
                    .body("originalTopic", hasItem(Topics.DOCS_CHANGES));
            given().auth().oauth2(admin).contentType("application/json")
                    .body(Map.of("records", List.of(Map.of("partition", dead.partition(), "offset", dead.offset()))))
                    .post("/api/v1/dead-letters/replay")
                    .then().statusCode(200)
                    .body("[0].key", equalTo(over.record().key()))
                    .body("[0].topicOffset", org.hamcrest.Matchers.notNullValue());
            await().atMost(Duration.ofSeconds(60)).until(() -> dlq.withKey(over.record().key()).stream()
                    .anyMatch(r -> header(r.headers(), DeadLetters.REPLAYED_FROM) != null));
            given().auth().oauth2(Tokens.of("alice")).get("/api/v1/dead-letters").then().statusCode(403);
        }
    }

}
