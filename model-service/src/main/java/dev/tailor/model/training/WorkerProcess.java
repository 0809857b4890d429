package dev.tailor.model.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running training worker. Its stdout is a stream of JSON events (handed to the listener as they come), its
 * stderr goes to the job's {@code worker.log}. The worker ends itself when it loses this process as its parent, so a
 * worker never outlives a service that was killed.
 */
final class WorkerProcess {

    private static final Logger LOG = Logger.getLogger(WorkerProcess.class);

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static WorkerProcess start(WorkerCommand command, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command.command())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(command.environment());
        try {
            return new WorkerProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the training worker (" + command.command().get(0) + ")", e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Reads events until the worker's stdout closes, then waits for it to exit; returns its exit code. */
    int awaitExit(ObjectMapper json, Consumer<JsonNode> listener) throws InterruptedException {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event;
                try {
                    event = json.readTree(line);
                } catch (IOException e) {
                    LOG.debugf("worker %d printed a non-event line: %s", process.pid(), line);
                    continue;
                }
                listener.accept(event);
            }
        } catch (IOException e) {
            LOG.debugf("worker %d: stdout closed: %s", process.pid(), e.getMessage());
        }
        return process.waitFor();
    }

    /** Asks the worker to stop (SIGTERM), and kills it (SIGKILL) if it is still there after {@code grace}. */
    void stop(Duration grace) {
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warnf("worker %d did not stop within %s of SIGTERM; killing it", process.pid(), grace);
        process.destroyForcibly();
    }

    /** {@link #stop} without waiting for it. */
    void stopAsync(Duration grace) {
        Thread stopper = new Thread(() -> stop(grace), "stop-worker-" + process.pid());
        stopper.setDaemon(true);
        stopper.start();
    }

    /** What a worker that ended badly left as its last words (the tail of its stderr), for the job's error. */
    String lastWords() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Exit codes of a process ended by a signal are 128 + the signal's number. */
    static String describeExit(int code) {
        return switch (code) {
            case 137 -> "was killed (SIGKILL; out of memory, or killed by hand)";
            case 143 -> "was terminated (SIGTERM)";
            case 139 -> "crashed (SIGSEGV)";
            case 134 -> "aborted (SIGABRT)";
            default -> code > 128 ? "was ended by signal " + (code - 128) : "exited with status " + code;
        };
    }
}
