package dev.tailor.model.serving;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import dev.tailor.model.config.ModelServiceConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The llama.cpp models in memory: the base and fine-tuned models (base + adapter), at most
 * {@code tailor.model.serving.loaded-models}, the least recently used unloaded first. A model is unloaded only once
 * no generation holds a {@link Lease} on it. The GGUF weights are memory-mapped, so every loaded model shares the
 * base's pages; what each costs on its own is its context (KV cache) and its adapter.
 */
@ApplicationScoped
public class LoadedModels {

    private static final Logger LOG = Logger.getLogger(LoadedModels.class);

    private final ModelServiceConfig config;
    private final Map<String, Entry> entries = new LinkedHashMap<>(8, 0.75f, true);

    LoadedModels(ModelServiceConfig config) {
        this.config = config;
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> LOG.debug(message.strip()));
    }

    /** The model, loaded if it is not in memory; close the lease when the generation is over. */
    public Lease acquire(ServedModel model) {
        Entry entry;
        synchronized (this) {
            entry = entries.get(model.id());
            if (entry == null) {
                entry = new Entry(model.id(), load(model));
                entries.put(model.id(), entry);
                unloadBeyondLimit();
            }
            entry.leases++;
        }
        return new Lease(this, entry);
    }

    /** Ids of the models in memory, least recently used first. */
    public synchronized List<String> loaded() {
        return List.copyOf(entries.keySet());
    }

    private LlamaModel load(ServedModel model) {
        if (!Files.isRegularFile(config.base().gguf())) {
            throw new ModelUnavailableException("the base model's weights are missing (" + config.base().gguf()
                    + "); run ./dev/up or set TAILOR_MODEL_BASE_GGUF", null);
        }
        var serving = config.serving();
        ModelParameters parameters = new ModelParameters()
                .setModel(config.base().gguf().toString())
                .setThreads(serving.threads())
                .setThreadsBatch(serving.threads())
                .setCtxSize(serving.contextSize())
                .setParallel(1)
                // llama.cpp logs every request to stdout; its errors reach us as exceptions anyway
                .disableLog();
        model.adapter().ifPresent(adapter -> parameters.addLoraAdapter(adapter.toString()));
        long start = System.nanoTime();
        try {
            LlamaModel llama = new LlamaModel(parameters);
            LOG.infof("loaded %s in %d ms", model.id(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return llama;
        } catch (RuntimeException e) { // llama.cpp's LlamaException is not public
            throw new ModelUnavailableException("model " + model.id() + " could not be loaded: " + e.getMessage(), e);
        }
    }

    private void unloadBeyondLimit() {
        int excess = entries.size() - Math.max(1, config.serving().loadedModels());
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && excess > 0; ) {
            Entry oldest = it.next();
            it.remove();
            excess--;
            oldest.retired = true;
            if (oldest.leases == 0) {
                unload(oldest);
            }
        }
    }

    private synchronized void release(Entry entry) {
        entry.leases--;
        if (entry.retired && entry.leases == 0) {
            unload(entry);
        }
    }

    /**
     * Frees a model off the request path: llama.cpp's close was once seen to hang, and a hung close must not hold
     * up answers. The thread is a daemon, so it cannot keep the JVM from exiting either.
     */
    private static void unload(Entry entry) {
        Thread closer = new Thread(() -> {
            entry.model.close();
            LOG.infof("unloaded %s", entry.id);
        }, "unload-" + entry.id);
        closer.setDaemon(true);
        closer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
            entries.clear();
        }
        all.forEach(e -> e.retired = true);
        all.stream().filter(e -> e.leases == 0).forEach(LoadedModels::unload);
    }

    private static final class Entry {
        final String id;
        final LlamaModel model;
        int leases;
        boolean retired;

        Entry(String id, LlamaModel model) {
            this.id = id;
            this.model = model;
        }
    }

    /** A loaded model held for one generation. */
    public static final class Lease implements AutoCloseable {
        private final LoadedModels owner;
        private final Entry entry;
        private boolean closed;

        private Lease(LoadedModels owner, Entry entry) {
            this.owner = owner;
            this.entry = entry;
        }

        public LlamaModel model() {
            return entry.model;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                owner.release(entry);
            }
        }
    }
}
