package dev.tailor.contracts;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedding model of the index — the in-process quantized all-MiniLM-L6-v2 (ONNX, shipped in a Maven
 * artifact) — on a small bounded executor of its own. Every component that writes or reads vectors uses this one
 * class, so that chunk vectors and question vectors come from the same model by construction.
 * <p>
 * Why not the bean quarkus-langchain4j exposes: it runs the model on the shared worker pool, where a burst of
 * embeddings starves request handling and messaging, and concurrent inferences each allocate their own buffers
 * (RSS towards 1 GB). A fixed pool caps both; when its queue is full the caller embeds itself (back-pressure).
 */
public final class IndexEmbedding implements AutoCloseable {

    /** What the index records for this model; the name is configurable, the dimension is the model's. */
    public static final IndexModel DEFAULT_MODEL = new IndexModel("all-minilm-l6-v2-q", 384);

    private final IndexModel indexModel;
    private final ThreadPoolExecutor executor;
    private final EmbeddingModel model;

    /**
     * @param indexModel what the index records (name and dimension); vectors of another size are refused
     * @param threads    threads of the model's own executor
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
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(executor);
    }

    public IndexModel indexModel() {
        return indexModel;
    }

    /** Vectors of {@code texts}, in order, in one batch spread over the executor's threads. */
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(this::checked).toList();
    }

    public float[] embed(String text) {
        return checked(model.embed(text).content());
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
    public void close() {
        executor.shutdownNow();
    }
}
