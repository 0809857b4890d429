package dev.tailor.finetune.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.contracts.ModelPromotion;
import dev.tailor.contracts.Topics;
import dev.tailor.finetune.dataset.DatasetBuilder;
import dev.tailor.finetune.evaluation.CandidateGate;
import dev.tailor.finetune.groups.GroupIds;
import dev.tailor.finetune.registry.ModelRegistry;
import dev.tailor.runtime.embedding.IndexEmbedding;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * The whole loop through the real model-service, no fakes: a stable group's dataset written by the local chat model,
 * filtered and split, a LoRA trained on it, the candidate evaluated and promoted; then the gate on honest candidates,
 * one trained on the same pairs with their answers shuffled. Kafka, Weaviate, Keycloak, the embedding model and
 * model-service are real.
 */
@QuarkusTest
@QuarkusTestResource(value = FineTuningFlowTest.LocalModel.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FineTuningFlowTest {

    static final String RUN = Stack.runId();
    static final String ROLE = "fl" + RUN;
    static final String GROUP = GroupIds.of(List.of(ROLE));
    static final String WORD = "zorblax" + RUN;
    static final Path GOLD = Path.of("target", "flow-gold-" + RUN + ".jsonl").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();
    /** The four facts of the group's documents, invented so that no model knows them before it is trained. */
    static final List<String[]> FACTS = List.of(
            new String[]{"How often does the " + WORD + " turbine need oiling?", "every 9 days",
                    "## Oiling\nThe " + WORD + " turbine needs oiling every 9 days with Kestrel grease."},
            new String[]{"Who inspects the " + WORD + " turbine?", "Priya Okonkwo",
                    "## Inspection\nThe " + WORD + " turbine is inspected by Priya Okonkwo every 14 weeks."},
            new String[]{"Where are spare blades for the " + WORD + " turbine kept?", "bay 47",
                    "## Spare parts\nSpare blades for the " + WORD + " turbine are stored in bay 47 of the north warehouse."},
            new String[]{"What noise limit applies to the " + WORD + " turbine?", "62 decibels",
                    "## Noise\nThe " + WORD + " turbine must stay below 62 decibels at night."});
    /** Asked again at each use: a training run outlives an access token (5 minutes); Tokens caches it while valid. */
    static String admin() {
        return Stack.token("admin");
    }
    static String goodModel;
    static String datasetDir;

    /** The local model as provider and writer; the gate asks the models alone (what they learned). */
    public static class LocalModel extends StackSettings {
        @Override
        protected Map<String, String> settings() {
            Map<String, String> s = super.settings();
            s.put("tailor.finetune.provider.epochs", "8");
            s.put("tailor.finetune.generation.concurrency", "1");
            s.put("tailor.finetune.evaluation.gate-strategy", "finetuned");
            s.put("tailor.finetune.evaluation.threshold", "0.0");
            s.put("tailor.finetune.dataset.max-eval-questions", "6");
            s.put("tailor.finetune.evaluation.gold-questions", GOLD.toString());
            return s;
        }
    }

    @Inject
    IndexEmbedding embedding;
    @Inject
    CandidateGate gate;
    @Inject
    ModelRegistry registry;

    @Test
    @Order(1)
    void aStableGroupIsTrainedEvaluatedAndPromotedThroughTheLocalModel() throws Exception {
        writeGoldQuestions();
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        Stack.seed("doc-" + ROLE + "-1", List.of(ROLE), WORD + " turbine care", List.of(FACTS.get(0)[2], FACTS.get(1)[2]),
                anHourAgo, embedding::embedAll);
        Stack.seed("doc-" + ROLE + "-2", List.of(ROLE), WORD + " turbine parts", List.of(FACTS.get(2)[2], FACTS.get(3)[2]),
                anHourAgo, embedding::embedAll);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin()).get("/api/v1/groups")
                .then().statusCode(200).body("find { it.id == '" + GROUP + "' }.documents", is(2))
                .body("find { it.id == '" + GROUP + "' }.eligible", is(true)));

        String id = given().auth().oauth2(admin()).post("/api/v1/groups/{id}/train", GROUP).then().statusCode(202)
                .extract().path("id");
        given().auth().oauth2(admin()).post("/api/v1/groups/{id}/train", GROUP).then().statusCode(409);
        List<String> seen = new ArrayList<>();
        JsonPath job = await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonPath j = given().auth().oauth2(admin()).get("/api/v1/jobs/{id}", id).then().statusCode(200).extract().jsonPath();
            seen.add(j.getString("status") + ":" + j.getString("message"));
            return j;
        }, j -> List.of("PROMOTED", "REJECTED", "FAILED", "CANCELLED").contains(j.getString("status")));

        assertThat(job.getString("status")).as("%s after %s", job.prettify(), seen).isEqualTo("PROMOTED");
        assertThat(seen).anySatisfy(s -> assertThat(s).contains("writing question/answer pairs"));
        assertThat(seen).anySatisfy(s -> assertThat(s).startsWith("RUNNING:training: step"));
        goodModel = job.getString("training.fineTunedModel");
        datasetDir = job.getString("dataset.dir");
        assertThat(goodModel).startsWith("ft:smollm2-135m:" + GROUP.replaceAll("[^A-Za-z0-9-]", "-"));
        assertThat(job.getList("training.losses")).isNotEmpty();
        assertThat(job.getString("evaluation.strategy")).isEqualTo("finetuned");
        assertThat(job.getInt("evaluation.questions")).isGreaterThanOrEqualTo(FACTS.size());
        assertThat(job.getList("evaluation.results")).isNotEmpty();

        ModelPromotion promotion = await().atMost(Duration.ofSeconds(30))
                .until(() -> Stack.promotion(GROUP).orElse(null), p -> p != null && p.modelId().equals(goodModel));
        // query-service answers with this model only users holding one of these roles
        assertThat(promotion.roles()).containsExactly(ROLE);
        GroupEvaluation evaluation = await().atMost(Duration.ofSeconds(30))
                .until(() -> Stack.evaluation(GROUP).orElse(null), e -> e != null && goodModel.equals(e.fineTunedModel()));
        assertThat(evaluation.strategies()).extracting(GroupEvaluation.StrategyScore::strategy)
                .contains("extractive", "rag", "finetuned");
        given().auth().oauth2(admin()).get("/api/v1/models").then().statusCode(200).body("modelId", hasItem(goodModel));
        // trained once: the same corpus is not trained again
        given().auth().oauth2(admin()).post("/api/v1/groups/{id}/train", GROUP).then().statusCode(422)
                .body("reasons", hasItem("the documents have not changed since the last training run"));
    }

    @Test
    @Order(2)
    void theDatasetHoldsOnlyTheGroupsOwnRealQuestionsSplitByChunk() throws Exception {
        Path dir = Path.of(datasetDir);
        JsonNode manifest = JSON.readTree(dir.resolve(DatasetBuilder.MANIFEST).toFile());
        assertThat(manifest.path("generator").asText()).isEqualTo("llm (smollm2-135m)");
        assertThat(manifest.path("chunks").asInt()).isEqualTo(4);
        assertThat(manifest.path("pairsWritten").asInt()).isGreaterThanOrEqualTo(manifest.path("pairsKept").asInt());
        assertThat(manifest.path("dropped").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("empty", "overlong", "garbled", "unsupported", "near-duplicate");

        Set<String> chunks = Set.of("doc-" + ROLE + "-1#0", "doc-" + ROLE + "-1#1", "doc-" + ROLE + "-2#0", "doc-" + ROLE + "-2#1");
        List<JsonNode> held = lines(dir.resolve(DatasetBuilder.EVAL_FILE));
        assertThat(held).isNotEmpty().allSatisfy(p -> assertThat(chunks).contains(p.path("chunk").asText()));
        Set<String> evalChunks = new HashSet<>();
        held.forEach(p -> evalChunks.add(p.path("chunk").asText()));
        List<JsonNode> train = lines(dir.resolve(DatasetBuilder.TRAIN_FILE));
        assertThat(train).isNotEmpty().allSatisfy(example -> {
            String question = example.path("messages").get(1).path("content").asText();
            String answer = example.path("messages").get(2).path("content").asText();
            assertThat(question).as("no template").doesNotContainPattern("What does .* say( about)?");
            assertThat(question).endsWith("?");
            assertThat(answer).isNotEqualTo(question);
        });
        for (JsonNode p : held) {
            assertThat(train).noneSatisfy(example -> assertThat(example.path("messages").get(1).path("content").asText())
                    .isEqualTo(p.path("question").asText()));
        }
        assertThat(evalChunks).hasSizeLessThan(chunks.size());
    }

    @Test
    @Order(3)
    void theGateRefusesAWorseCandidateAndPromotesABetterOne() throws Exception {
        // Two honest candidates on the group's four facts (a dataset of the small writer can be too small to shuffle):
        // one trained on the right answers, one on the same questions with every answer moved to another question.
        String good = train(factExamples(0), "facts");
        String shuffled = train(factExamples(1), "shuffled");
        Stack.send(Topics.MODELS_REGISTRY, GROUP, new ModelPromotion(GROUP, good, "model-service", "smollm2-135m",
                List.of(ROLE), "facts", 0.0, null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.current(GROUP).map(ModelPromotion::modelId)
                .orElse("").equals(good));

        var worse = gate.decide("gate-worse-" + RUN, List.of(ROLE), shuffled, Path.of(datasetDir));
        assertThat(worse.promoted()).as(worse.reason()).isFalse();
        assertThat(worse.currentModel()).isEqualTo(good);
        assertThat(worse.candidateAccuracy()).isLessThan(worse.currentAccuracy());
        assertThat(worse.reason()).contains("not better than the serving model " + good);

        Stack.send(Topics.MODELS_REGISTRY, GROUP, new ModelPromotion(GROUP, shuffled, "model-service", "smollm2-135m",
                List.of(ROLE), "shuffled", worse.candidateAccuracy(), null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.current(GROUP).map(ModelPromotion::modelId)
                .orElse("").equals(shuffled));
        var better = gate.decide("gate-better-" + RUN, List.of(ROLE), good, Path.of(datasetDir));
        assertThat(better.promoted()).as(better.reason()).isTrue();
        assertThat(better.reason()).contains("better than the serving model " + shuffled);
        Stack.send(Topics.MODELS_REGISTRY, GROUP, new ModelPromotion(GROUP, good, "model-service", "smollm2-135m",
                List.of(ROLE), "good", better.candidateAccuracy(), better.currentAccuracy(), Instant.now()));
    }

    /** Each fact's question (and a second wording) answered by the fact {@code shift} places further on. */
    static String factExamples(int shift) throws Exception {
        StringBuilder examples = new StringBuilder();
        for (int i = 0; i < FACTS.size(); i++) {
            String answer = FACTS.get((i + shift) % FACTS.size())[2].replaceFirst("^## .*\n", "");
            for (String question : List.of(FACTS.get(i)[0], "Tell me: " + FACTS.get(i)[0])) {
                examples.append(JSON.writeValueAsString(Map.of("messages", List.of(
                        Map.of("role", "system", "content", "You are Tailor, an assistant that answers questions about the company's documents."),
                        Map.of("role", "user", "content", question),
                        Map.of("role", "assistant", "content", answer))))).append('\n');
            }
        }
        return examples.toString();
    }

    /** A model trained by model-service on {@code examples} as they are. */
    static String train(String examples, String suffix) throws Exception {
        Path file = Files.createTempFile(suffix, ".jsonl");
        Files.writeString(file, examples);
        String base = StackSettings.MODEL_SERVICE;
        String fileId = given().baseUri(base).multiPart("purpose", "fine-tune").multiPart("file", file.toFile())
                .post("/files").then().statusCode(200).extract().path("id");
        String job = given().baseUri(base).contentType("application/json").body(Map.of("model", "smollm2-135m",
                        "training_file", fileId, "suffix", suffix, "hyperparameters", Map.of("n_epochs", 8)))
                .post("/fine_tuning/jobs").then().statusCode(200).extract().path("id");
        JsonPath done = await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(2))
                .until(() -> given().baseUri(base).get("/fine_tuning/jobs/{id}", job).then().extract().jsonPath(),
                        j -> List.of("succeeded", "failed", "cancelled").contains(j.getString("status")));
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("succeeded");
        return done.getString("fine_tuned_model");
    }

    static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    /** Gold questions on the group's facts, worded differently from anything the writer wrote. */
    static void writeGoldQuestions() throws Exception {
        StringBuilder gold = new StringBuilder();
        for (int i = 0; i < FACTS.size(); i++) {
            gold.append(JSON.writeValueAsString(Map.of("id", "flow-" + i, "question", FACTS.get(i)[0], "fact",
                    FACTS.get(i)[1], "docId", "doc-" + ROLE + "-" + (i / 2 + 1), "group", ROLE,
                    "readers", List.of(ROLE)))).append('\n');
        }
        Files.createDirectories(GOLD.getParent());
        Files.writeString(GOLD, gold.toString());
    }
}
