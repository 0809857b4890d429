package dev.tailor.finetune.it;

import dev.tailor.contracts.ModelPromotion;
import dev.tailor.finetune.groups.GroupIds;
import dev.tailor.finetune.jobs.JobStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/**
 * The fine-tuning flow against the real Kafka, Weaviate and Keycloak, with the provider faked by WireMock. Every
 * test uses roles unique to this run, so other data in the shared topics and collections never joins its groups.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeProvider.class, restrictToAnnotatedClass = true)
class FineTuningFlowTest {

    static final String RUN = Stack.runId();
    static final Instant AN_HOUR_AGO = Instant.now().minus(Duration.ofHours(1));
    static String admin;

    @BeforeAll
    static void token() {
        admin = Stack.token("admin");
    }

    static String role(String name) {
        return "ft" + RUN + name;
    }

    static String group(String... roles) {
        return GroupIds.of(List.of(roles));
    }

    /** Two documents about one unique subject, the question writer's pairs for them, and their reference answers. */
    static void seedSubject(String role, String word) throws Exception {
        for (int d = 1; d <= 2; d++) {
            String docId = "doc-" + role + "-" + d;
            Stack.seed(docId, List.of(role), "Manual " + word + " " + d, List.of(
                    "## Oiling\nThe " + word + " turbine " + d + " needs oiling every week.",
                    "## Inspection\nThe " + word + " turbine " + d + " is inspected every month."), AN_HOUR_AGO);
            ProviderStubs.pairsFor(docId.equals("doc-" + role + "-1") ? "Manual " + word + " 1" : "Manual " + word + " 2",
                    List.of(
                            new String[]{"How often is the " + word + " turbine " + d + " oiled?", "The " + word + " turbine " + d + " needs oiling every week."},
                            new String[]{"When is the " + word + " turbine " + d + " inspected?", "The " + word + " turbine " + d + " is inspected every month."},
                            new String[]{"What maintenance does the " + word + " turbine " + d + " need?", "The " + word + " turbine " + d + " needs oiling every week and an inspection every month."},
                            new String[]{"Who maintains the " + word + " turbine " + d + "?", "The " + word + " turbine " + d + " is maintained weekly by oiling and monthly by inspection."}));
        }
    }

    static Map<String, Object> awaitJob(String groupId, JobStatus status) {
        Map<String, Object> last = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<Map<String, Object>> jobs = given().auth().oauth2(admin).queryParam("group", groupId)
                    .get("/api/v1/jobs").then().statusCode(200).extract().jsonPath().getList("$");
            return jobs.isEmpty() ? null : jobs.get(0);
        }, job -> job != null && (status.name().equals(job.get("status"))
                || JobStatus.valueOf((String) job.get("status")).terminal()));
        assertThat(last.get("status")).as("job %s", last).isEqualTo(status.name());
        return last;
    }

    static Response train(String groupId) {
        return given().auth().oauth2(admin).post("/api/v1/groups/{id}/train", groupId);
    }

    /**
     * Waits until the service knows the group with all its documents: the events of a group's documents may reach the
     * follower in separate fetches, and a group seen with its first document only is not the group under test.
     */
    static void awaitGroup(String groupId, int documents) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin).get("/api/v1/groups")
                .then().statusCode(200).body("id", hasItem(groupId))
                .body("find { it.id == '" + groupId + "' }.documents", org.hamcrest.Matchers.is(documents)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStableGroupTrainsOnceAndIsPromotedWithItsRoles() throws Exception {
        String role = role("s");
        String word = "zorblax" + RUN;
        String groupId = group(role);
        String model = "ft:gpt-4o-mini:tailor:" + groupId + ":s" + RUN;
        seedSubject(role, word);
        ProviderStubs.fileUpload();
        ProviderStubs.succeedingJob(groupId, "ftjob-s" + RUN, model);
        ProviderStubs.answers(model, "The " + word + " turbine needs oiling every week and is inspected every month.");
        awaitGroup(groupId, 2);

        train(groupId).then().statusCode(202);
        Map<String, Object> job = awaitJob(groupId, JobStatus.PROMOTED);

        assertThat(job.get("fineTunedModel")).isEqualTo(model);
        assertThat((Integer) job.get("trainExamples") + (Integer) job.get("evalExamples")).isEqualTo(8);
        assertThat((List<Object>) job.get("progress")).contains((Object) "Step 1/10: training loss=1.2");
        ModelPromotion promotion = await().atMost(Duration.ofSeconds(10))
                .until(() -> Stack.promotion(groupId).orElse(null), p -> p != null && p.modelId().equals(model));
        // query-service answers with this model only users holding one of these roles
        assertThat(promotion.roles()).containsExactly(role);
        assertThat(promotion.score()).isGreaterThanOrEqualTo(0.6);
        assertThat(promotion.previousScore()).isNull();
        given().auth().oauth2(admin).get("/api/v1/models").then().statusCode(200).body("modelId", hasItem(model));

        // trained once: the same corpus is not trained again
        train(groupId).then().statusCode(422).body("reasons", hasItem("the documents have not changed since the last training run"));
        FakeProvider.server.verify(1, postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs"))
                .withRequestBody(matchingJsonPath("$.suffix", containing(groupId))));
    }

    @Test
    void aGroupThatKeepsChangingDoesNotTrain() throws Exception {
        String role = role("c");
        String groupId = group(role);
        for (int version = 1; version <= 4; version++) {
            Stack.indexed("doc-" + role, version, List.of(role), "Changing", 5, 100, Instant.now());
            Thread.sleep(300);
        }
        awaitGroup(groupId, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin).get("/api/v1/groups")
                .then().statusCode(200)
                .body("find { it.id == '" + groupId + "' }.eligible", org.hamcrest.Matchers.is(false))
                .body("find { it.id == '" + groupId + "' }.changesLastDay", org.hamcrest.Matchers.is(4)));
        train(groupId).then().statusCode(422)
                .body("reasons[0]", org.hamcrest.Matchers.containsString("the quiet period is 20s"));
        given().auth().oauth2(admin).queryParam("group", groupId).get("/api/v1/jobs").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(0));
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
        given().auth().oauth2(admin).get("/api/v1/groups").then()
                .body("find { it.id == '" + group(a) + "' }.documents", org.hamcrest.Matchers.is(2))
                .body("find { it.id == '" + group(b) + "' }.documents", org.hamcrest.Matchers.is(1));
    }

    @Test
    void aWorseCandidateIsNotPromoted() throws Exception {
        String role = role("w");
        String word = "quaffle" + RUN;
        String groupId = group(role);
        String current = "ft:current-w" + RUN;
        String candidate = "ft:candidate-w" + RUN;
        seedSubject(role, word);
        Stack.send(dev.tailor.contracts.Topics.MODELS_REGISTRY, groupId, new ModelPromotion(groupId, current, "openai",
                "gpt-4o-mini", List.of(role), "older-fingerprint", 0.9, null, Instant.now()));
        ProviderStubs.fileUpload();
        ProviderStubs.succeedingJob(groupId, "ftjob-w" + RUN, candidate);
        ProviderStubs.answers(current, "The " + word + " turbine needs oiling every week and is inspected every month.");
        ProviderStubs.answers(candidate, "Bananas are yellow and grow in warm tropical climates.");
        awaitGroup(groupId, 2);

        train(groupId).then().statusCode(202);
        Map<String, Object> job = awaitJob(groupId, JobStatus.REJECTED);

        assertThat(((Number) job.get("candidateScore")).doubleValue())
                .isLessThan(((Number) job.get("currentScore")).doubleValue());
        assertThat((String) job.get("message")).contains("below the threshold");
        assertThat(Stack.promotion(groupId)).get().extracting(ModelPromotion::modelId).isEqualTo(current);
    }

    @Test
    void aFailingProviderJobEndsFailedWithTheProvidersReason() throws Exception {
        String role = role("f");
        String groupId = group(role);
        seedSubject(role, "gribble" + RUN);
        ProviderStubs.fileUpload();
        ProviderStubs.failingJob(groupId, "ftjob-f" + RUN, "training file has too few examples");
        awaitGroup(groupId, 2);

        train(groupId).then().statusCode(202);
        Map<String, Object> job = awaitJob(groupId, JobStatus.FAILED);

        assertThat((String) job.get("message")).contains("training file has too few examples");
        assertThat(Stack.promotion(groupId)).isEmpty();
        // a failed run trained nothing: the group stays eligible
        String retry = train(groupId).then().statusCode(202).extract().path("id");
        assertThat(awaitJob(groupId, JobStatus.FAILED).get("id")).isEqualTo(retry);
    }

    @Test
    void anAdministratorCancelsARunningJobAtTheProvider() throws Exception {
        String role = role("k");
        String groupId = group(role);
        seedSubject(role, "snorkel" + RUN);
        ProviderStubs.fileUpload();
        ProviderStubs.endlessJob(groupId, "ftjob-k" + RUN);
        awaitGroup(groupId, 2);

        String id = train(groupId).then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/api/v1/jobs/{id}", id).then().body("status", org.hamcrest.Matchers.is("RUNNING")));
        train(groupId).then().statusCode(409);

        given().auth().oauth2(admin).post("/api/v1/jobs/{id}/cancel", id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("CANCELLED"));
        FakeProvider.server.verify(1, postRequestedFor(urlEqualTo("/v1/fine_tuning/jobs/ftjob-k" + RUN + "/cancel")));
        given().auth().oauth2(admin).post("/api/v1/jobs/{id}/cancel", id).then().statusCode(409);
        Thread.sleep(1000);
        given().auth().oauth2(admin).get("/api/v1/jobs/{id}", id).then().body("status", org.hamcrest.Matchers.is("CANCELLED"));
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
            assertThat(advice.getList("$")).hasSize(1);
            assertThat(advice.getLong("[0].figures.documents")).isEqualTo(2);
            assertThat(advice.getLong("[0].figures.chunks")).isEqualTo(10);
            assertThat(advice.getLong("[0].figures.tokens")).isEqualTo(1000);
            assertThat(advice.getDouble("[0].figures.queriesPerDay")).isCloseTo(3 / 7.0, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(advice.getDouble("[0].figures.answeredShare")).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(advice.getDouble("[0].figures.retrievedTokensPerAnswered")).isEqualTo(1500.0);
            assertThat(advice.getDouble("[0].figures.promptTokensPerQuery")).isCloseTo(4100 / 3.0, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(advice.getDouble("[0].figures.changesPerDayLast7Days")).isCloseTo(2 / 7.0, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(advice.getDouble("[0].figures.medianHoursBetweenChanges")).isCloseTo(48.0, org.assertj.core.data.Offset.offset(0.01));
            // 1000 tokens is a small corpus by the default threshold
            assertThat(advice.getString("[0].recommendation")).isEqualTo("rag");
            assertThat(advice.getList("[0].reasons", String.class)).isNotEmpty();
        });
    }

    @Test
    void theAdminApiNeedsAnAdminToken() {
        given().get("/api/v1/groups").then().statusCode(401);
        given().auth().oauth2(Stack.token("alice")).get("/api/v1/advice").then().statusCode(403);
        given().auth().oauth2(admin).post("/api/v1/groups/{id}/train", "g-no-such-group-" + RUN).then().statusCode(404);
    }
}
