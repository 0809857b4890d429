"""Writes a trained peft LoRA as a GGUF adapter that llama.cpp applies to the quantized base model.

What llama.cpp (b4916, inside de.kherud:llama 4.2.0) expects of a LoRA adapter file:
- metadata general.type = "adapter", general.architecture = the base's ("llama" for SmolLM2), adapter.type = "lora",
  adapter.lora.alpha (float32); it scales each product B·A by alpha / rank, as peft does with lora_alpha / r;
- per adapted base tensor two tensors named after it, "<base name>.lora_a" and "<base name>.lora_b", e.g.
  blk.3.attn_q.weight.lora_a. lora_a is peft's lora_A (rank x in), lora_b is peft's lora_B (out x rank), both in
  their torch layout (GGUF lists dimensions innermost first, so llama.cpp sees a as [in, rank] and b as [rank, out]);
- the same row order as the base tensors. llama.cpp stores Q and K with each head's rotary pairs interleaved, while
  Hugging Face models keep them as two halves; transformers undoes that permutation when it loads a llama GGUF, so
  the rows of lora_b for q_proj and k_proj (their output features) must be permuted back. lora_a (input features)
  is unaffected.
"""

import os
import re

import numpy as np

ADAPTED_PROJECTIONS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")

_PEFT_KEY = re.compile(r"^(?:base_model\.model\.)?(?P<module>.+)\.lora_(?P<half>[AB])(?:\.[^.]+)?\.weight$")


def to_llama_rope_layout(rows, heads):
    """Rows of a Q or K projection (or of its LoRA B) from Hugging Face's layout to llama.cpp's.

    Within each head, HF keeps the first halves of the rotary pairs, then the second halves; llama.cpp interleaves
    them (pair i's two rows side by side)."""
    shape = rows.shape
    half = shape[0] // heads // 2
    return rows.reshape(heads, 2, half, *shape[1:]).swapaxes(1, 2).reshape(shape)


def from_llama_rope_layout(rows, heads):
    """Inverse of to_llama_rope_layout (what transformers does to Q and K when it loads a llama GGUF)."""
    shape = rows.shape
    half = shape[0] // heads // 2
    return rows.reshape(heads, half, 2, *shape[1:]).swapaxes(1, 2).reshape(shape)


def gguf_tensor_name(hf_module, name_map):
    """The base model's GGUF tensor name for a Hugging Face module path (model.layers.3.self_attn.q_proj ->
    blk.3.attn_q.weight), through gguf's own tensor-name map for the architecture."""
    name = name_map.get_name(hf_module + ".weight", try_suffixes=(".weight",))
    if name is None:
        raise ValueError(f"no GGUF tensor for module {hf_module}")
    return name


def lora_pairs(state_dict):
    """{hf module path: (A, B)} from a peft adapter state dict (numpy arrays, torch layout)."""
    halves = {}
    for key, value in state_dict.items():
        match = _PEFT_KEY.match(key)
        if match:
            halves.setdefault(match["module"], {})[match["half"]] = value
    missing = [module for module, pair in halves.items() if set(pair) != {"A", "B"}]
    if missing:
        raise ValueError(f"LoRA modules without both A and B: {missing}")
    return {module: (pair["A"], pair["B"]) for module, pair in sorted(halves.items())}


def adapter_tensors(pairs, name_map, n_head, n_head_kv, dtype=np.float16):
    """[(GGUF tensor name, array)] for the LoRA pairs, with Q and K's B rows in llama.cpp's rotary layout."""
    tensors = []
    for module, (a, b) in pairs.items():
        projection = module.rsplit(".", 1)[-1]
        if projection == "q_proj":
            b = to_llama_rope_layout(b, n_head)
        elif projection == "k_proj":
            b = to_llama_rope_layout(b, n_head_kv)
        base = gguf_tensor_name(module, name_map)
        tensors.append((base + ".lora_a", np.ascontiguousarray(a, dtype=dtype)))
        tensors.append((base + ".lora_b", np.ascontiguousarray(b, dtype=dtype)))
    return tensors


def write_adapter(path, tensors, alpha, architecture="llama", name=None):
    """Writes the adapter file whole or not at all: to a temporary name first, renamed when complete. Returns bytes."""
    import gguf

    partial = f"{path}.partial"
    try:
        writer = gguf.GGUFWriter(partial, architecture)
        writer.add_type(gguf.GGUFType.ADAPTER)
        writer.add_string(gguf.Keys.Adapter.TYPE, "lora")
        writer.add_float32(gguf.Keys.Adapter.LORA_ALPHA, float(alpha))
        if name:
            writer.add_name(name)
        for tensor_name, array in tensors:
            writer.add_tensor(tensor_name, array)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        writer.close()
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return os.path.getsize(path)


def export_peft_adapter(peft_model, path, alpha, n_head, n_head_kv, n_layer, dtype=np.float16):
    """Writes peft_model's LoRA weights to path as a llama.cpp adapter; returns the file size in bytes."""
    import gguf
    from peft import get_peft_model_state_dict

    state = {key: value.detach().float().cpu().numpy() for key, value in get_peft_model_state_dict(peft_model).items()}
    name_map = gguf.get_tensor_name_map(gguf.MODEL_ARCH.LLAMA, n_layer)
    tensors = adapter_tensors(lora_pairs(state), name_map, n_head, n_head_kv, dtype)
    return write_adapter(path, tensors, alpha, gguf.MODEL_ARCH_NAMES[gguf.MODEL_ARCH.LLAMA])
