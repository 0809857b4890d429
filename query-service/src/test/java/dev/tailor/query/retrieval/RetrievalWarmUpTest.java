package dev.tailor.query.retrieval;

import dev.tailor.runtime.embedding.IndexEmbedding;
import dev.tailor.runtime.weaviate.IndexSchema;
import dev.tailor.testsupport.PrometheusSamples;
import dev.tailor.testsupport.Stack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.weaviate.client6.v1.api.WeaviateClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A service that finds its index at start reports ready only once searches have run through retrieval. */
@QuarkusTest
@TestProfile(RetrievalWarmUpTest.IndexBeforeStart.class)
class RetrievalWarmUpTest {

    public static class IndexBeforeStart implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ExistingIndex.class));
        }
    }

    /** The index exists before the app starts, as it does when a running platform restarts or scales query-service. */
    public static class ExistingIndex implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try (WeaviateClient client = Stack.fromEnvironment().weaviate()) {
                IndexSchema.ensure(client, IndexEmbedding.DEFAULT_MODEL);
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the index before the app starts", e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void readyOnlyOnceTheWarmUpSearchesHaveRun() {
        await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(given().get("/q/health/ready").then().extract()
                .path("checks.find { it.name == 'retrieval-warm-up' }.status")));

        double searches = PrometheusSamples.sum(given().get("/q/metrics").then().statusCode(200).extract().asString(),
                "tailor_query_retrieval_seconds_count", Map.of());
        assertThat(searches).as("searches through retrieval before ready").isGreaterThanOrEqualTo(32);
    }
}
