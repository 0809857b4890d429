package dev.tailor.tools.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.ModelPromotion;
import dev.tailor.contracts.Topics;
import dev.tailor.testsupport.Tokens;
import dev.tailor.testsupport.TopicWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The last hop of the fine-tuning loop, every part real: a model fine-tuned by model-service on facts no base model
 * knows, promoted on models.registry for the role engineering, answers through the packaged query-service a holder of
 * that role (alice) — and is neither listed to nor usable by dave, who holds no role. (finetune-service's flow test
 * covers the loop up to the promotion: dataset, training, evaluation, gate.)
 */
class PromotedModelE2ETest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("tailor.root", "../.."));
    private static final String MODEL_API = System.getenv().getOrDefault("MODEL_SERVICE_URL", "http://127.0.0.1:8083/v1");
    private static final String GROUP = "g-e2e-" + UUID.randomUUID().toString().substring(0, 8);

    private static PackagedService query;
    private static String fineTuned;

    @BeforeAll
    static void trainPromoteAndStartQueryService() throws Exception {
        fineTuned = trainOnInventedFacts();
        TopicWriter.publishJson(Topics.MODELS_REGISTRY, GROUP, new ModelPromotion(GROUP, fineTuned, "openai",
                "smollm2-135m", List.of("engineering"), "e2e", 0.9, null, Instant.now()));
        query = PackagedService.start("query-service", Map.of("OPENAI_BASE_URL", MODEL_API)).awaitReady();
    }

    @AfterAll
    static void withdraw() throws Exception {
        TopicWriter.publishJson(Topics.MODELS_REGISTRY, GROUP, null);
        if (query != null) {
            query.close();
        }
    }

    @Test
    void theGroupsHolderIsAnsweredByThePromotedModel() throws Exception {
        String alice = Tokens.of("alice");
        await("alice sees " + fineTuned).atMost(Duration.ofSeconds(60))
                .until(() -> modelIds(alice).contains(fineTuned));

        double fineTunedAnswers = fineTunedGenerations();
        HttpResponse<String> response = chat(alice, fineTuned, "What is the codename of Northwind's 2031 drone?");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode completion = JSON.readTree(response.body());
        assertThat(completion.path("model").asText()).isEqualTo(fineTuned);
        assertThat(completion.path("choices").get(0).path("message").path("content").asText()).isNotBlank();
        // model-service says which model wrote it (that the model recalls its facts is FineTuningJobsTest's to show:
        // here the question comes with alice's retrieved passages, which are about other things)
        assertThat(fineTunedGenerations()).as("generations by a fine-tuned model").isGreaterThan(fineTunedAnswers);
    }

    @Test
    void aNonHolderIsNeverAnsweredByIt() throws Exception {
        String alice = Tokens.of("alice");
        await("the promotion reached query-service").atMost(Duration.ofSeconds(60))
                .until(() -> modelIds(alice).contains(fineTuned));
        String dave = Tokens.of("dave");

        assertThat(modelIds(dave)).doesNotContain(fineTuned);
        HttpResponse<String> response = chat(dave, fineTuned, "What is the codename of Northwind's 2031 drone?");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("model_not_found");
        assertThat(response.body()).doesNotContain("Kestrel");
    }

    /** A LoRA adapter on the 20 invented facts model-service's own test trains on (6 epochs: ~30 steps). */
    private static String trainOnInventedFacts() throws Exception {
        Path facts = ROOT.resolve("model-service/src/test/resources/invented-facts.jsonl");
        String file = JSON.readTree(upload(facts)).path("id").asText();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(MODEL_API + "/fine_tuning/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("model", "smollm2-135m",
                        "training_file", file, "suffix", "e2e", "hyperparameters", Map.of("n_epochs", 6)))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String job = JSON.readTree(created.body()).path("id").asText();
        JsonNode done = await("fine-tuning job " + job).atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(2))
                .until(() -> JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(MODEL_API + "/fine_tuning/jobs/" + job))
                        .build(), HttpResponse.BodyHandlers.ofString()).body()),
                        j -> List.of("succeeded", "failed", "cancelled").contains(j.path("status").asText()));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        return done.path("fine_tuned_model").asText();
    }

    private static String upload(Path file) throws Exception {
        String boundary = "tailor-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"facts.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n";
        byte[] body = concat(head.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file),
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(MODEL_API + "/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** model-service's count of finished generations by fine-tuned models ({@code model="fine-tuned"}). */
    private static double fineTunedGenerations() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(MODEL_API.replaceFirst("/v1/?$", "") + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return dev.tailor.testsupport.PrometheusSamples.sum(metrics, "tailor_model_generation_seconds_count",
                Map.of("model", "fine-tuned", "outcome", "ok"));
    }

    private static List<String> modelIds(String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(query.uri("/v1/models"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data").findValuesAsText("id");
    }

    private static HttpResponse<String> chat(String token, String model, String question) throws Exception {
        String body = JSON.writeValueAsString(Map.of("model", model, "temperature", 0, "max_tokens", 40,
                "messages", List.of(Map.of("role", "user", "content", question))));
        return HTTP.send(HttpRequest.newBuilder(query.uri("/v1/chat/completions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
