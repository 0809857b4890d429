import pytest

from tailor_trainer.chat_tokens import TemplateError, assistant_spans, mask_tokens


def chatml(messages, add_generation_prompt):
    """SmolLM2's template, in Python: a default system turn, then <|im_start|>role\\ncontent<|im_end|>\\n per message."""
    if not messages:
        return "<|im_start|>assistant\n" if add_generation_prompt else ""
    text = "" if messages[0]["role"] == "system" else "<|im_start|>system\nDefault<|im_end|>\n"
    text += "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in messages)
    return text + ("<|im_start|>assistant\n" if add_generation_prompt else "")


def test_spans_cover_each_assistant_turn_and_its_end_token_only():
    messages = [{"role": "user", "content": "Q1"}, {"role": "assistant", "content": "A1"},
                {"role": "user", "content": "Q2"}, {"role": "assistant", "content": "A2"}]
    text, spans = assistant_spans(chatml, messages)
    assert [text[start:end] for start, end in spans] == ["A1<|im_end|>\n", "A2<|im_end|>\n"]


def test_a_template_that_is_not_prefix_stable_is_refused():
    messages = [{"role": "assistant", "content": "A"}]  # the generation prompt omits the default system turn
    with pytest.raises(TemplateError):
        assistant_spans(chatml, messages)


def test_tokens_are_masked_by_their_first_character():
    offsets = [(0, 3), (3, 5), (5, 8), (8, 9), (9, 12)]
    assert mask_tokens(offsets, [(5, 9)]) == [0, 0, 1, 1, 0]
    assert mask_tokens(offsets, [(4, 6)]) == [0, 0, 1, 0, 0]  # (3, 5) starts before the span
    assert mask_tokens(offsets, []) == [0, 0, 0, 0, 0]
