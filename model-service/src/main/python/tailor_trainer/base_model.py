"""The base model and tokenizer as transformers builds them from the GGUF file llama.cpp serves, and the LoRA setup.

transformers dequantizes the GGUF's weights to float32 (the Q4_1 values exactly), converts its tokenizer and keeps its
chat template, so the adapter is trained against the very weights and prompt layout llama.cpp uses.
"""

import os

from .adapter_gguf import ADAPTED_PROJECTIONS


def _split(gguf_path):
    return os.path.split(os.path.abspath(gguf_path))


def load_tokenizer(gguf_path):
    from transformers import AutoTokenizer

    directory, name = _split(gguf_path)
    return AutoTokenizer.from_pretrained(directory, gguf_file=name)


def load_model(gguf_path):
    import torch
    from transformers import AutoModelForCausalLM, GgufConfig

    directory, name = _split(gguf_path)
    # dequantize=True: plain dense float32 weights (the Q4_1 values exactly), which LoRA training needs; without it
    # the model stays marked as GGUF-quantized and Trainer refuses to train it.
    return AutoModelForCausalLM.from_pretrained(directory, gguf_file=name, dtype=torch.float32,
                                                quantization_config=GgufConfig(gguf_file=name, dequantize=True))


def lora_config(rank, alpha):
    """LoRA on every attention and MLP projection; no dropout (a few dozen facts, not a regularization problem)."""
    from peft import LoraConfig

    return LoraConfig(r=rank, lora_alpha=alpha, lora_dropout=0.0, bias="none",
                      target_modules=list(ADAPTED_PROJECTIONS), task_type="CAUSAL_LM")


def quiet_environment(threads):
    """Environment for a CPU-only, offline, quiet run; call before torch or transformers is imported."""
    os.environ["CUDA_VISIBLE_DEVICES"] = ""          # the PyPI torch is a CUDA build: never probe for a GPU
    os.environ["HF_HUB_OFFLINE"] = "1"               # everything is local; never reach for the hub
    os.environ["TOKENIZERS_PARALLELISM"] = "false"   # the tokenizer's own threads would compete with torch's
    os.environ["OMP_NUM_THREADS"] = str(threads)
    os.environ["TQDM_DISABLE"] = "1"                 # progress bars (GGUF dequantizing, dataset maps) are noise
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def use_threads(threads):
    import torch

    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
