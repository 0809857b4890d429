package dev.tailor.finetune.it;

import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.contracts.Topics;
import dev.tailor.finetune.groups.GroupIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * Groups, stability and the advisor against the real Kafka, Weaviate and Keycloak. Every test uses roles unique to
 * this run, so other data in the shared topics and collections never joins its groups.
 */
@QuarkusTest
@QuarkusTestResource(value = StackSettings.class, restrictToAnnotatedClass = true)
class GroupsAndAdviceTest {

    static final String RUN = Stack.runId();
    static final Instant AN_HOUR_AGO = Instant.now().minus(Duration.ofHours(1));
    static String admin;

    @BeforeAll
    static void token() {
        admin = Stack.token("admin");
    }

    static String role(String name) {
        return "ga" + RUN + name;
    }

    static String group(String... roles) {
        return GroupIds.of(List.of(roles));
    }

    static void awaitGroup(String groupId, int documents) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin).get("/api/v1/groups")
                .then().statusCode(200).body("id", hasItem(groupId))
                .body("find { it.id == '" + groupId + "' }.documents", is(documents)));
    }

    @Test
    void aGroupThatKeepsChangingDoesNotTrain() {
        String role = role("c");
        String groupId = group(role);
        for (int version = 1; version <= 4; version++) {
            Stack.indexed("doc-" + role, version, List.of(role), "Changing", 5, 100, Instant.now());
        }
        awaitGroup(groupId, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin).get("/api/v1/groups")
                .then().statusCode(200)
                .body("find { it.id == '" + groupId + "' }.eligible", is(false))
                .body("find { it.id == '" + groupId + "' }.changesLastDay", is(4)));
        given().auth().oauth2(admin).post("/api/v1/groups/{id}/train", groupId).then().statusCode(422)
                .body("reasons[0]", org.hamcrest.Matchers.containsString("the quiet period is 20s"));
        given().auth().oauth2(admin).queryParam("group", groupId).get("/api/v1/jobs").then().statusCode(200)
                .body("size()", is(0));
    }

    @Test
    void anAclChangeRegroups() {
        String a = role("a");
        String b = role("b");
        Stack.indexed("doc-" + a + "-1", 1, List.of(a, b), "Shared one", 3, 60, AN_HOUR_AGO);
        Stack.indexed("doc-" + a + "-2", 1, List.of(a, b), "Shared two", 3, 60, AN_HOUR_AGO);
        awaitGroup(group(a, b), 2);

        Stack.indexed("doc-" + a + "-2", 2, List.of(a), "Shared two", 3, 60, Instant.now());

        awaitGroup(group(a), 2);
        List<String> ids = given().auth().oauth2(admin).get("/api/v1/groups").then().extract().jsonPath().getList("id");
        assertThat(ids).contains(group(a), group(b)).doesNotContain(group(a, b));
    }

    @Test
    void aDocumentWhoseEventsExpiredIsStillKnownFromTheIndex() throws Exception {
        String role = role("x");
        String groupId = group(role);
        Instant longAgo = Instant.now().minus(Duration.ofDays(60));
        // what a group of stable documents looks like once docs.indexed no longer keeps their events
        Stack.inIndexOnly("doc-" + role + "-1", 3, List.of(role), 6, longAgo);
        Stack.inIndexOnly("doc-" + role + "-2", 1, List.of(role), 5, longAgo);

        awaitGroup(groupId, 2);
        given().auth().oauth2(admin).get("/api/v1/groups").then().statusCode(200)
                .body("find { it.id == '" + groupId + "' }.chunks", is(11))
                .body("find { it.id == '" + groupId + "' }.eligible", is(true));
    }

    @Test
    void theAdvisorFiguresMatchTheCorpusAndTheMetrics() {
        String role = role("v");
        String groupId = group(role);
        Stack.indexed("doc-" + role + "-1", 1, List.of(role), "Advice one", 4, 400, AN_HOUR_AGO.minus(Duration.ofDays(2)));
        Stack.indexed("doc-" + role + "-2", 1, List.of(role), "Advice two", 6, 600, AN_HOUR_AGO);
        Stack.metric(List.of("public", role), 1000, true, 1500, 100);
        Stack.metric(List.of("public", role), 2000, true, 2500, 200);
        Stack.metric(List.of("public", role), 0, false, 100, 30);
        awaitGroup(groupId, 2);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var advice = given().auth().oauth2(admin).queryParam("group", groupId).get("/api/v1/advice")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(advice.getLong("[0].figures.documents")).isEqualTo(2);
            assertThat(advice.getLong("[0].figures.chunks")).isEqualTo(10);
            assertThat(advice.getLong("[0].figures.tokens")).isEqualTo(1000);
            assertThat(advice.getDouble("[0].figures.queriesPerDay")).isCloseTo(3 / 7.0, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(advice.getDouble("[0].figures.answeredShare")).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(advice.getDouble("[0].figures.retrievedTokensPerAnswered")).isEqualTo(1500.0);
            assertThat(advice.getDouble("[0].figures.changesPerDayLast7Days")).isCloseTo(2 / 7.0, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(advice.getString("[0].recommendation")).isEqualTo("rag");
            assertThat(advice.getList("[0].reasons", String.class).get(0)).contains("no measured evidence");
        });
    }

    @Test
    void theAdvisorFollowsWhatTheEvaluationsMeasured() {
        String ragRole = role("r");
        String tunedRole = role("t");
        for (String role : List.of(ragRole, tunedRole)) {
            Stack.indexed("doc-" + role, 1, List.of(role), "Measured " + role, 8, 800_000, AN_HOUR_AGO);
        }
        awaitGroup(group(ragRole), 1);
        awaitGroup(group(tunedRole), 1);
        Stack.send(Topics.MODELS_EVALUATIONS, group(ragRole), evaluation(group(ragRole), ragRole, 0.8, 0.4));
        Stack.send(Topics.MODELS_EVALUATIONS, group(tunedRole), evaluation(group(tunedRole), tunedRole, 0.4, 0.8));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var advice = given().auth().oauth2(admin).get("/api/v1/advice").then().statusCode(200).extract().jsonPath();
            assertThat(advice.getString("find { it.groupId == '" + group(ragRole) + "' }.recommendation")).isEqualTo("rag");
            assertThat(advice.getString("find { it.groupId == '" + group(tunedRole) + "' }.recommendation")).isEqualTo("hybrid");
            assertThat(advice.getString("find { it.groupId == '" + group(tunedRole) + "' }.evidence.best"))
                    .isEqualTo("finetuned+rag");
        });
        given().auth().oauth2(admin).get("/api/v1/evaluations").then().statusCode(200)
                .body("latest.groupId", hasItem(group(tunedRole)));
    }

    static GroupEvaluation evaluation(String groupId, String role, double rag, double fineTunedRag) {
        return new GroupEvaluation(groupId, List.of(role), "eval-" + RUN, Instant.now(), "ft:smollm2-135m:x:" + RUN, List.of(
                new GroupEvaluation.StrategyScore("rag", 30, rag, 0.5, 1.0, 0.6, 900, 60, 0.0002, 900),
                new GroupEvaluation.StrategyScore("finetuned+rag", 30, fineTunedRag, 0.5, 1.0, 0.6, 900, 60, 0.0004, 900)),
                null);
    }

    @Test
    void theAdminApiNeedsAnAdminToken() {
        given().get("/api/v1/groups").then().statusCode(401);
        given().auth().oauth2(Stack.token("alice")).get("/api/v1/advice").then().statusCode(403);
        given().auth().oauth2(admin).post("/api/v1/groups/{id}/train", "g-no-such-group-" + RUN).then().statusCode(404);
        given().auth().oauth2(admin).contentType("application/json").body("{\"group\": \"g-none-" + RUN + "\"}")
                .post("/api/v1/evaluations").then().statusCode(404);
    }
}
