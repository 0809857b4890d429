"""Turns a conversation into token ids plus a mask of the assistant's tokens (the only ones the loss sees).

The chat template is the one inside the GGUF, rendered by the tokenizer transformers builds from it, so training sees
exactly the prompt layout llama.cpp renders at serving time. SmolLM2's template has no {% generation %} markers, so
the assistant spans are found by rendering growing prefixes of the conversation: the characters an assistant turn adds
after the generation prompt (its text and end-of-turn token) are its span, and a token belongs to the span when its
first character does.
"""


class TemplateError(ValueError):
    """The chat template does not render a conversation as a sequence of growing prefixes."""


def assistant_spans(render, messages):
    """(full text, [(start, end)] character spans of the assistant turns). render(messages, add_generation_prompt)."""
    text = render(messages, False)
    spans = []
    for index, message in enumerate(messages):
        if message["role"] != "assistant":
            continue
        before = render(messages[:index], True)
        through = render(messages[:index + 1], False)
        if not (text.startswith(through) and through.startswith(before)):
            raise TemplateError("the chat template does not render conversations prefix by prefix")
        spans.append((len(before), len(through)))
    return text, spans


def mask_tokens(offsets, spans):
    """1 for each token whose first character lies in a span, else 0; offsets are (start, end) per token."""
    return [1 if any(start <= first < end for start, end in spans) else 0 for first, _ in offsets]


def tokenize_conversation(tokenizer, messages):
    """{"input_ids": [...], "assistant_masks": [...]} for one conversation (the trainer cuts long ones)."""
    def render(prefix, add_generation_prompt):
        if not prefix:
            return ""
        return tokenizer.apply_chat_template(prefix, tokenize=False, add_generation_prompt=add_generation_prompt)

    text, spans = assistant_spans(render, messages)
    # the template already holds every special token; llama.cpp adds none either (SmolLM2's add_bos_token is false)
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    return {"input_ids": encoded["input_ids"], "assistant_masks": mask_tokens(encoded["offset_mapping"], spans)}
