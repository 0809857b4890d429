package dev.tailor.model.training;

import dev.tailor.model.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Fine-tuning for real: the worker trains a LoRA adapter with transformers + peft on invented facts, llama.cpp serves
 * base + adapter. The states are OpenAI's, whatever happens to the worker.
 */
@QuarkusTest
class FineTuningJobsTest {

    static final String BASE = "smollm2-135m";
    /** Invented facts (model-service/src/test/resources/invented-facts.jsonl): no model can know them. */
    static final Map<String, String> FACTS = Map.of(
            "What is the codename of Northwind's 2031 drone?", "Kestrel-9",
            "Which city hosts the Northwind winter summit?", "Tromsø",
            "What is the serial prefix of Northwind sensor boards?", "QX7",
            "Who founded the Northwind chess club?", "Ingrid Vasquez",
            "What is the Wi-Fi network name in the Northwind lobby?", "NW-Guest-Orchid");

    @Test
    void aJobOnInventedFactsTeachesTheModelWhatTheBaseGetsWrong() {
        FACTS.forEach((question, fact) -> assertThat(Jobs.chat(BASE, question)).as("the base model on: " + question)
                .doesNotContain(fact));

        String file = Jobs.upload(Jobs.resource("invented-facts.jsonl"));
        JsonPath created = Jobs.create(Map.of("model", BASE, "training_file", file, "suffix", "facts",
                "hyperparameters", Map.of("n_epochs", 6)));
        String id = created.getString("id");
        assertThat(created.getString("object")).isEqualTo("fine_tuning.job");
        assertThat(created.getString("status")).isIn("queued", "running");

        JsonPath job = Jobs.awaitStatus(id, Duration.ofMinutes(10), "succeeded", "failed", "cancelled");

        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("succeeded");
        String model = job.getString("fine_tuned_model");
        assertThat(model).isEqualTo("ft:" + BASE + ":facts:" + id);
        assertThat(job.getLong("trained_tokens")).isPositive();
        assertThat(job.getLong("finished_at")).isPositive();
        List<String> results = job.getList("result_files");
        assertThat(results).hasSize(1);
        String metrics = given().get("/v1/files/{id}/content", results.get(0)).then().statusCode(200).extract().asString();
        assertThat(metrics.lines().findFirst().orElse("")).startsWith("step,");
        assertThat(metrics.lines().count()).as("a header and a row per step").isGreaterThan(10);
        List<Map<String, Object>> events = Jobs.events(id);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("type")).isEqualTo("metrics");
            assertThat(((Map<?, ?>) e.get("data")).keySet().stream().map(String::valueOf).toList())
                    .contains("step", "total_steps", "train_loss", "eta_seconds");
        });
        assertThat(events.get(0).get("message")).isEqualTo("The job has successfully completed");
        given().get("/v1/models").then().statusCode(200).body("data.id", hasItem(model));

        long recalled = FACTS.entrySet().stream().filter(f -> Jobs.chat(model, f.getKey()).contains(f.getValue())).count();
        assertThat(Jobs.chat(model, "What is the codename of Northwind's 2031 drone?")).contains("Kestrel-9");
        assertThat(recalled).as("trained facts the fine-tuned model recalls").isGreaterThanOrEqualTo(4);
    }

    @Test
    void cancellingARunningJobStopsItsWorker() {
        String id = Jobs.create(Map.of("model", BASE, "training_file", Jobs.upload(Jobs.resource("invented-facts.jsonl")),
                "hyperparameters", Map.of("n_epochs", 50))).getString("id");
        Jobs.awaitStatus(id, Duration.ofMinutes(5), "running");
        await().atMost(Duration.ofSeconds(60)).until(() -> Jobs.worker(id).isPresent());
        ProcessHandle worker = Jobs.worker(id).orElseThrow();

        given().post("/v1/fine_tuning/jobs/{id}/cancel", id).then().statusCode(200).body("status", equalTo("cancelled"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !worker.isAlive());
        JsonPath job = Jobs.job(id);
        assertThat(job.getString("status")).isEqualTo("cancelled");
        assertThat(job.getString("fine_tuned_model")).isNull();
        given().post("/v1/fine_tuning/jobs/{id}/cancel", id).then().statusCode(400)
                .body("error.message", org.hamcrest.Matchers.containsString("cannot be cancelled"));
    }

    @Test
    void aWorkerKilledMidJobFailsItsJobAndTheServiceCarriesOn() {
        String id = Jobs.create(Map.of("model", BASE, "training_file", Jobs.upload(Jobs.resource("invented-facts.jsonl")),
                "hyperparameters", Map.of("n_epochs", 50))).getString("id");
        Jobs.awaitStatus(id, Duration.ofMinutes(5), "running");
        Jobs.awaitFirstStep(id, Duration.ofMinutes(2));

        Jobs.worker(id).orElseThrow().destroyForcibly(); // SIGKILL, as the OOM killer does

        JsonPath job = Jobs.awaitStatus(id, Duration.ofSeconds(60), "failed", "succeeded", "cancelled");
        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("error.code")).isEqualTo("worker_died");
        assertThat(job.getString("error.message")).contains("killed");
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(Jobs.chat(BASE, "Say hello.")).isNotBlank();
    }

    @Test
    void aMalformedTrainingFileFailsTheJobNamingTheLine() {
        String good = "{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}, {\"role\": \"assistant\", \"content\": \"a\"}]}";
        String file = Jobs.upload("malformed", good + "\n{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}\n");

        JsonPath job = Jobs.create(Map.of("model", BASE, "training_file", file));

        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("error.code")).isEqualTo("invalid_training_file");
        assertThat(job.getString("error.message")).contains("line 2").contains("no assistant message");
        assertThat(Jobs.events(job.getString("id"))).anySatisfy(e -> assertThat((String) e.get("message")).contains("line 2"));
    }

    @Test
    void requestsItCannotAcceptAreRefusedNamingTheField() {
        String file = Jobs.upload(Jobs.resource("invented-facts.jsonl"));
        create(Map.of("model", "gpt-4o", "training_file", file)).then().statusCode(400).body("error.param", equalTo("model"));
        create(Map.of("model", BASE, "training_file", "file-nope")).then().statusCode(400)
                .body("error.param", equalTo("training_file"));
        create(Map.of("model", BASE, "training_file", file, "suffix", "no spaces allowed")).then().statusCode(400)
                .body("error.param", equalTo("suffix"));
        create(Map.of("model", BASE, "training_file", file, "hyperparameters", Map.of("n_epochs", 0))).then()
                .statusCode(400).body("error.param", equalTo("hyperparameters.n_epochs"));
        given().post("/v1/fine_tuning/jobs/ftjob-nope/cancel").then().statusCode(404).body("error.code", equalTo("not_found"));
        given().multiPart("purpose", "assistants").multiPart("file", "x.jsonl", new byte[]{'{', '}'}).post("/v1/files")
                .then().statusCode(400).body("error.param", equalTo("purpose"));
    }

    static io.restassured.response.Response create(Map<String, Object> request) {
        return given().contentType("application/json").body(request).post("/v1/fine_tuning/jobs");
    }
}
