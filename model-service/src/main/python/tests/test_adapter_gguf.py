import gguf
import numpy as np
import pytest

from tailor_trainer.adapter_gguf import (adapter_tensors, from_llama_rope_layout, gguf_tensor_name, lora_pairs,
                                        to_llama_rope_layout, write_adapter)

N_HEAD, N_HEAD_KV, HEAD_DIM, HIDDEN, RANK = 9, 3, 64, 576, 4
NAMES = gguf.get_tensor_name_map(gguf.MODEL_ARCH.LLAMA, 30)


def test_rope_layout_round_trips():
    rows = np.random.default_rng(1).standard_normal((N_HEAD * HEAD_DIM, RANK)).astype(np.float32)
    assert np.array_equal(from_llama_rope_layout(to_llama_rope_layout(rows, N_HEAD), N_HEAD), rows)
    assert np.array_equal(to_llama_rope_layout(from_llama_rope_layout(rows, N_HEAD_KV), N_HEAD_KV), rows)


def test_rope_layout_interleaves_the_halves_of_each_head():
    # one head of dimension 8: HF keeps rotary pair i as rows (i, i + 4); llama.cpp as rows (2i, 2i + 1)
    rows = np.arange(16).reshape(16, 1)
    assert to_llama_rope_layout(rows, 2)[:, 0].tolist() == [0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15]


@pytest.mark.parametrize("tensor, heads", [("blk.0.attn_q.weight", N_HEAD), ("blk.0.attn_k.weight", N_HEAD_KV)])
def test_the_export_undoes_what_the_transformers_gguf_loader_does_to_q_and_k(tensor, heads):
    from transformers.modeling_gguf_pytorch_utils import LlamaTensorProcessor

    loader = LlamaTensorProcessor(config={"num_attention_heads": N_HEAD, "num_key_value_heads": N_HEAD_KV})
    in_file = np.random.default_rng(5).standard_normal((heads * HEAD_DIM, HIDDEN)).astype(np.float32)
    loaded = loader.process(in_file, tensor).weights
    assert not np.array_equal(loaded, in_file)
    assert np.array_equal(to_llama_rope_layout(loaded, heads), in_file)


def test_permuting_b_equals_permuting_the_merged_delta():
    rng = np.random.default_rng(2)
    a = rng.standard_normal((RANK, HIDDEN))
    b = rng.standard_normal((N_HEAD_KV * HEAD_DIM, RANK))
    assert np.allclose(to_llama_rope_layout(b, N_HEAD_KV) @ a, to_llama_rope_layout(b @ a, N_HEAD_KV))


@pytest.mark.parametrize("module, name", [
    ("model.layers.0.self_attn.q_proj", "blk.0.attn_q.weight"),
    ("model.layers.7.self_attn.k_proj", "blk.7.attn_k.weight"),
    ("model.layers.7.self_attn.v_proj", "blk.7.attn_v.weight"),
    ("model.layers.12.self_attn.o_proj", "blk.12.attn_output.weight"),
    ("model.layers.29.mlp.gate_proj", "blk.29.ffn_gate.weight"),
    ("model.layers.29.mlp.up_proj", "blk.29.ffn_up.weight"),
    ("model.layers.29.mlp.down_proj", "blk.29.ffn_down.weight"),
])
def test_hf_modules_map_to_the_base_models_tensor_names(module, name):
    assert gguf_tensor_name(module, NAMES) == name


def test_unknown_modules_are_refused():
    with pytest.raises(ValueError, match="no GGUF tensor"):
        gguf_tensor_name("model.layers.0.self_attn.rotary", NAMES)


def peft_state(rng):
    shapes = {"self_attn.q_proj": (N_HEAD * HEAD_DIM, HIDDEN), "self_attn.k_proj": (N_HEAD_KV * HEAD_DIM, HIDDEN),
              "mlp.down_proj": (HIDDEN, 1536)}
    state = {}
    for module, (out_features, in_features) in shapes.items():
        prefix = f"base_model.model.model.layers.1.{module}"
        state[f"{prefix}.lora_A.weight"] = rng.standard_normal((RANK, in_features)).astype(np.float32)
        state[f"{prefix}.lora_B.weight"] = rng.standard_normal((out_features, RANK)).astype(np.float32)
    return state


def test_pairs_come_from_peft_keys_with_or_without_the_adapter_name():
    state = {"base_model.model.model.layers.0.mlp.up_proj.lora_A.default.weight": np.zeros((2, 3)),
             "base_model.model.model.layers.0.mlp.up_proj.lora_B.default.weight": np.ones((4, 2))}
    [(module, (a, b))] = lora_pairs(state).items()
    assert module == "model.layers.0.mlp.up_proj" and a.shape == (2, 3) and b.shape == (4, 2)


def test_a_lonely_half_is_an_error():
    with pytest.raises(ValueError, match="without both A and B"):
        lora_pairs({"base_model.model.model.layers.0.mlp.up_proj.lora_A.weight": np.zeros((2, 3))})


def test_tensors_are_named_after_the_base_and_only_q_and_k_b_are_permuted():
    state = peft_state(np.random.default_rng(3))
    tensors = dict(adapter_tensors(lora_pairs(state), NAMES, N_HEAD, N_HEAD_KV, np.float32))
    prefix = "base_model.model.model.layers.1"
    assert sorted(tensors) == sorted(f"blk.1.{t}.weight.lora_{h}" for t in ("attn_q", "attn_k", "ffn_down")
                                     for h in "ab")
    assert np.array_equal(tensors["blk.1.attn_q.weight.lora_b"],
                          to_llama_rope_layout(state[f"{prefix}.self_attn.q_proj.lora_B.weight"], N_HEAD))
    assert np.array_equal(tensors["blk.1.attn_k.weight.lora_b"],
                          to_llama_rope_layout(state[f"{prefix}.self_attn.k_proj.lora_B.weight"], N_HEAD_KV))
    assert np.array_equal(tensors["blk.1.attn_q.weight.lora_a"], state[f"{prefix}.self_attn.q_proj.lora_A.weight"])
    assert np.array_equal(tensors["blk.1.ffn_down.weight.lora_b"], state[f"{prefix}.mlp.down_proj.lora_B.weight"])


def test_the_file_carries_what_llama_cpp_checks(tmp_path):
    state = peft_state(np.random.default_rng(4))
    path = tmp_path / "adapter.gguf"
    size = write_adapter(str(path), adapter_tensors(lora_pairs(state), NAMES, N_HEAD, N_HEAD_KV), alpha=32)
    assert size == path.stat().st_size and not (tmp_path / "adapter.gguf.partial").exists()
    reader = gguf.GGUFReader(str(path))
    assert reader.fields["general.type"].contents() == "adapter"
    assert reader.fields["general.architecture"].contents() == "llama"
    assert reader.fields["adapter.type"].contents() == "lora"
    assert reader.fields["adapter.lora.alpha"].contents() == 32.0
    tensors = {t.name: t for t in reader.tensors}
    # GGUF lists dimensions innermost first: lora_a is [in, rank], lora_b [rank, out], as llama.cpp checks
    assert list(tensors["blk.1.ffn_down.weight.lora_a"].shape) == [1536, RANK]
    assert list(tensors["blk.1.ffn_down.weight.lora_b"].shape) == [RANK, HIDDEN]
    assert tensors["blk.1.attn_k.weight.lora_b"].tensor_type == gguf.GGMLQuantizationType.F16


def test_a_failed_write_leaves_no_file(tmp_path):
    path = tmp_path / "adapter.gguf"
    with pytest.raises(Exception):
        write_adapter(str(path), [("blk.0.attn_q.weight.lora_a", object())], alpha=8)
    assert list(tmp_path.iterdir()) == []
