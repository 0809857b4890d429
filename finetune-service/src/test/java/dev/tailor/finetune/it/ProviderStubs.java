package dev.tailor.finetune.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tailor.finetune.kafka.KafkaSupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** WireMock stubs speaking the OpenAI API. */
final class ProviderStubs {

    private ProviderStubs() {
    }

    static String json(Object o) {
        try {
            return KafkaSupport.JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String completion(String model, String content) {
        return json(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1, "model", model,
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 10, "completion_tokens", 10, "total_tokens", 20)));
    }

    /** The question writer answers a document containing {@code word} with these pairs (structured output). */
    static void pairsFor(String word, List<String[]> pairs) {
        List<Map<String, String>> list = new ArrayList<>();
        pairs.forEach(p -> list.add(Map.of("question", p[0], "answer", p[1])));
        FakeProvider.server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("qa-writer")))
                .withRequestBody(containing(word))
                .willReturn(okJson(completion("qa-writer", json(Map.of("pairs", list))))));
    }

    /** {@code model} answers every question with {@code answer}. */
    static void answers(String model, String answer) {
        FakeProvider.server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                .willReturn(okJson(completion(model, answer))));
    }

    static void fileUpload() {
        FakeProvider.server.stubFor(post(urlEqualTo("/v1/files"))
                .willReturn(okJson("{\"id\":\"file-abc\",\"object\":\"file\",\"purpose\":\"fine-tune\",\"filename\":\"train.jsonl\"}")));
    }

    /** A job for the group (matched by the suffix) that goes queued → running → succeeded with {@code model}. */
    static void succeedingJob(String groupId, String jobId, String model) {
        createJob(groupId, jobId);
        jobProgress(jobId, "succeeded", model, null);
    }

    static void failingJob(String groupId, String jobId, String reason) {
        createJob(groupId, jobId);
        jobProgress(jobId, "failed", null, reason);
    }

    static void createJob(String groupId, String jobId) {
        FakeProvider.server.stubFor(post(urlEqualTo("/v1/fine_tuning/jobs"))
                .withRequestBody(matchingJsonPath("$.suffix", containing(groupId)))
                .willReturn(okJson(job(jobId, "validating_files", null, null))));
    }

    static void jobProgress(String jobId, String end, String model, String reason) {
        String scenario = "job-" + jobId;
        var server = FakeProvider.server;
        server.stubFor(get(urlEqualTo("/v1/fine_tuning/jobs/" + jobId)).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("running")
                .willReturn(okJson(job(jobId, "queued", null, null))));
        server.stubFor(get(urlEqualTo("/v1/fine_tuning/jobs/" + jobId)).inScenario(scenario)
                .whenScenarioStateIs("running").willSetStateTo("done")
                .willReturn(okJson(job(jobId, "running", null, null))));
        server.stubFor(get(urlEqualTo("/v1/fine_tuning/jobs/" + jobId)).inScenario(scenario)
                .whenScenarioStateIs("done")
                .willReturn(okJson(job(jobId, end, model, reason))));
        server.stubFor(get(urlPathEqualTo("/v1/fine_tuning/jobs/" + jobId + "/events"))
                .willReturn(okJson(json(Map.of("object", "list", "data", List.of(
                        Map.of("id", "ev-1", "level", "info", "message", "Step 1/10: training loss=1.2", "created_at", 1)))))));
    }

    /** A job that trains until it is cancelled. */
    static void endlessJob(String groupId, String jobId) {
        createJob(groupId, jobId);
        FakeProvider.server.stubFor(get(urlEqualTo("/v1/fine_tuning/jobs/" + jobId))
                .willReturn(okJson(job(jobId, "running", null, null))));
        FakeProvider.server.stubFor(get(urlPathEqualTo("/v1/fine_tuning/jobs/" + jobId + "/events"))
                .willReturn(okJson("{\"object\":\"list\",\"data\":[]}")));
        FakeProvider.server.stubFor(post(urlEqualTo("/v1/fine_tuning/jobs/" + jobId + "/cancel"))
                .willReturn(okJson(job(jobId, "cancelled", null, null))));
    }

    static String job(String id, String status, String model, String reason) {
        var m = new java.util.HashMap<String, Object>();
        m.put("id", id);
        m.put("object", "fine_tuning.job");
        m.put("status", status);
        m.put("fine_tuned_model", model);
        m.put("error", reason == null ? null : Map.of("code", "invalid_training_file", "message", reason));
        return json(m);
    }
}
