package dev.tailor.finetune.dataset;

import dev.tailor.finetune.config.ChatModels;
import dev.tailor.finetune.config.FinetuneConfig;
import dev.tailor.finetune.groups.PermissionGroup;
import dev.tailor.runtime.embedding.IndexEmbedding;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * One group's dataset: snapshot the group's training corpus, have the chat model write questions and answers chunk
 * by chunk (a bounded pool, progress reported, what is written kept on disk so that a restart carries on), keep only
 * the pairs that pass {@link PairFilter}, split them by chunk ({@link ChunkSplit}), write train, eval and manifest.
 * Without a chat model there is no dataset: questions copied from headings teach nothing, so the build says so.
 */
@ApplicationScoped
public class DatasetBuilder {

    private static final Logger LOG = Logger.getLogger(DatasetBuilder.class);

    public static final String TRAIN_FILE = "train.jsonl";
    public static final String EVAL_FILE = "eval.jsonl";
    public static final String MANIFEST = "manifest.json";
    static final String GENERATED = "generated.jsonl";
    static final int SAMPLES = 5;

    /** @param problem why the dataset cannot be trained on (null when it can) */
    public record Result(String dir, int chunksTotal, int trainExamples, int evalExamples, String problem) {
    }

    /** Told after each chunk. */
    public interface Progress {
        void chunksDone(int done, int total);
    }

    private final ChunkSnapshot snapshot;
    private final FinetuneConfig config;
    private final ChatModels chatModels;
    private final IndexEmbedding embedding;

    DatasetBuilder(ChunkSnapshot snapshot, FinetuneConfig config, ChatModels chatModels, IndexEmbedding embedding) {
        this.snapshot = snapshot;
        this.config = config;
        this.chatModels = chatModels;
        this.embedding = embedding;
    }

    public Result build(String jobId, List<String> roles, String fingerprint, Progress progress, BooleanSupplier cancelled) {
        Path dir = config.dataset().path().resolve(jobId);
        if (!config.generation().enabled()) {
            return new Result(dir.toString(), 0, 0, 0, "no chat model writes questions (tailor.finetune.generation.enabled"
                    + " is false): a dataset of questions copied from headings teaches a model nothing, so none is built");
        }
        PermissionGroup group = PermissionGroup.of(roles);
        List<SnapshotChunk> chunks = snapshot.of(group);
        if (chunks.isEmpty()) {
            return new Result(dir.toString(), 0, 0, 0, "the group's training corpus has no chunks in the index");
        }
        dir.toFile().mkdirs();
        GenerationLog log = new GenerationLog(dir.resolve(GENERATED), DatasetWriter.JSON);
        Map<String, GenerationLog.Entry> written = new ConcurrentHashMap<>(log.read());
        if (!written.isEmpty()) {
            LOG.infof("run %s: %d of %d chunks already written, carrying on", jobId, written.size(), chunks.size());
        }
        QuestionWriter writer = new QuestionWriter(chatModels.questionWriter(), config.generation().model());
        write(chunks, written, writer, log, progress, cancelled);
        if (cancelled.getAsBoolean()) {
            return new Result(dir.toString(), chunks.size(), 0, 0, "cancelled while the dataset was being written");
        }
        // only the chunks of the group's corpus now: a chunk that left it is not the group's to train on
        List<PairFilter.Candidate> candidates = new ArrayList<>();
        for (SnapshotChunk chunk : chunks) {
            GenerationLog.Entry entry = written.get(chunk.key());
            if (entry != null) {
                entry.pairs().forEach(p -> p.questions().forEach(q -> candidates.add(new PairFilter.Candidate(q, p.answer(), chunk))));
            }
        }
        var f = config.generation().filters();
        PairFilter.Outcome outcome = PairFilter.apply(candidates, new PairFilter.Thresholds(f.maxQuestionChars(),
                f.maxAnswerChars(), f.minAnswerOverlap(), f.minAnswerSimilarity(), f.maxQuestionSimilarity()),
                embedding::embedAll);
        ChunkSplit.Split split = ChunkSplit.of(outcome.kept().stream().map(QaPair::of).toList(),
                config.dataset().evalFraction());
        DatasetWriter.write(dir, config.dataset().systemPrompt(), split.train(), split.eval(),
                manifest(jobId, group, fingerprint, chunks, writer, candidates, outcome, split));
        LOG.infof("run %s: %d pairs written for %d chunks, %d kept (%d train, %d eval)", jobId, candidates.size(),
                chunks.size(), outcome.kept().size(), split.train().size(), split.eval().size());
        return new Result(dir.toString(), chunks.size(), split.train().size(), split.eval().size(),
                outcome.kept().isEmpty() ? "the chat model wrote " + candidates.size() + " pairs and none passed the filters"
                        + " (see " + dir.resolve(MANIFEST) + ")" : null);
    }

    /** Writes the chunks not written yet, a bounded number at a time, stopping early when the run is cancelled. */
    private void write(List<SnapshotChunk> chunks, Map<String, GenerationLog.Entry> written, QuestionWriter writer,
                       GenerationLog log, Progress progress, BooleanSupplier cancelled) {
        AtomicInteger done = new AtomicInteger(written.size());
        progress.chunksDone(done.get(), chunks.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, config.generation().concurrency()),
                r -> new Thread(r, "dataset-writer"));
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (SnapshotChunk chunk : chunks) {
                if (written.containsKey(chunk.key())) {
                    continue;
                }
                tasks.add(pool.submit(() -> {
                    if (cancelled.getAsBoolean()) {
                        return;
                    }
                    GenerationLog.Entry entry = new GenerationLog.Entry(chunk.key(), pairs(writer, chunk));
                    log.append(entry);
                    written.put(chunk.key(), entry);
                    progress.chunksDone(done.incrementAndGet(), chunks.size());
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the dataset", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("the question writer failed: " + cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A chunk's pairs: one per fact sentence, its question in each wording the model wrote. */
    private List<GenerationLog.Written> pairs(QuestionWriter writer, SnapshotChunk chunk) {
        List<GenerationLog.Written> result = new ArrayList<>();
        for (String sentence : FactSentences.of(chunk.text(), config.generation().questionsPerChunk())) {
            writer.questionFor(sentence).ifPresent(question -> {
                List<String> questions = new ArrayList<>(List.of(question));
                if (config.generation().rephrase()) {
                    writer.rewording(question).ifPresent(questions::add);
                }
                result.add(new GenerationLog.Written(questions, sentence));
            });
        }
        return result;
    }

    private Map<String, Object> manifest(String jobId, PermissionGroup group, String fingerprint,
                                         List<SnapshotChunk> chunks, QuestionWriter writer,
                                         List<PairFilter.Candidate> candidates, PairFilter.Outcome outcome,
                                         ChunkSplit.Split split) {
        Map<PairFilter.Drop, Integer> dropped = new EnumMap<>(PairFilter.Drop.class);
        for (PairFilter.Drop d : PairFilter.Drop.values()) {
            dropped.put(d, 0);
        }
        outcome.dropped().forEach(d -> dropped.merge(d.reason(), 1, Integer::sum));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobId", jobId);
        m.put("groupId", group.id());
        m.put("roles", group.roles());
        m.put("corpusFingerprint", fingerprint);
        m.put("generator", "llm (" + writer.model() + ")");
        m.put("documents", chunks.stream().map(SnapshotChunk::docId).distinct().count());
        m.put("chunks", chunks.size());
        m.put("chunksWithKeptPairs", outcome.kept().stream().map(c -> c.chunk().key()).distinct().count());
        m.put("pairsWritten", candidates.size());
        m.put("pairsKept", outcome.kept().size());
        m.put("pairsPerChunk", chunks.isEmpty() ? 0 : Math.round(100.0 * outcome.kept().size() / chunks.size()) / 100.0);
        m.put("dropped", dropped.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name().toLowerCase()
                .replace('_', '-'), Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)));
        m.put("trainExamples", split.train().size());
        m.put("evalExamples", split.eval().size());
        m.put("evalChunks", split.eval().stream().map(QaPair::chunk).distinct().count());
        m.put("evalFraction", config.dataset().evalFraction());
        m.put("sampleKept", outcome.kept().stream().limit(SAMPLES).map(c -> Map.of("question", c.question(),
                "answer", c.answer(), "chunk", c.chunk().key())).toList());
        m.put("sampleDropped", outcome.dropped().stream().limit(SAMPLES).map(d -> Map.of("question",
                String.valueOf(d.pair().question()), "answer", String.valueOf(d.pair().answer()),
                "reason", d.reason().name().toLowerCase())).toList());
        m.put("writtenAt", Instant.now());
        return m;
    }
}
