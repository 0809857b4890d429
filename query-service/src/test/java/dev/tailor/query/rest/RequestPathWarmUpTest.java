package dev.tailor.query.rest;

import dev.tailor.testsupport.PrometheusSamples;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service reports ready only once its own unauthenticated searches have been answered 401 over HTTP. */
@QuarkusTest
class RequestPathWarmUpTest {

    @Test
    void readyOnlyOnceTheRequestPathHasRun() {
        await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(given().get("/q/health/ready").then().extract()
                .path("checks.find { it.name == 'request-path-warm-up' }.status")));

        double refused = PrometheusSamples.sum(given().get("/q/metrics").then().statusCode(200).extract().asString(),
                "http_server_requests_seconds_count", Map.of("uri", "/api/v1/search", "status", "401"));
        assertThat(refused).as("searches without a token answered 401 before ready").isGreaterThanOrEqualTo(32);
    }
}
