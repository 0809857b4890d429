"""Reads and validates a chat fine-tuning file (OpenAI's format: one {"messages": [...]} object per line).

Pure Python on purpose: the supervisor's bad-input errors must come out before torch is even imported.
"""

import json
from dataclasses import dataclass

ROLES = ("system", "user", "assistant")


class TrainingFileError(ValueError):
    """The file cannot be trained on; the message names the file, the line and the reason."""


@dataclass(frozen=True)
class Conversation:
    line: int
    messages: list  # [{"role": str, "content": str}], validated


def read_conversations(path, label="training file"):
    """Every conversation in the file, or TrainingFileError on the first bad line."""
    try:
        with open(path, encoding="utf-8") as lines:
            conversations = [_conversation(text, number, label)
                             for number, text in enumerate(lines, start=1) if text.strip()]
    except UnicodeDecodeError as e:
        raise TrainingFileError(f"{label}: not UTF-8 text ({e.reason} at byte {e.start})") from e
    except OSError as e:
        raise TrainingFileError(f"{label}: cannot be read ({e.strerror}: {path})") from e
    if not conversations:
        raise TrainingFileError(f"{label}: empty, it has no examples")
    return conversations


def _conversation(text, number, label):
    where = f"{label} line {number}"
    try:
        record = json.loads(text)
    except json.JSONDecodeError as e:
        raise TrainingFileError(f"{where}: not JSON ({e.msg} at column {e.colno})") from e
    if not isinstance(record, dict):
        raise TrainingFileError(f"{where}: not a JSON object (expected {{\"messages\": [...]}})")
    messages = record.get("messages")
    if not isinstance(messages, list) or not messages:
        raise TrainingFileError(f"{where}: no messages (expected {{\"messages\": [{{\"role\": ..., \"content\": ...}}, ...]}})")
    cleaned = [_message(message, index, where) for index, message in enumerate(messages, start=1)]
    if not any(message["role"] == "assistant" for message in cleaned):
        raise TrainingFileError(f"{where}: no assistant message, so nothing to learn")
    return Conversation(number, cleaned)


def _message(message, index, where):
    if not isinstance(message, dict):
        raise TrainingFileError(f"{where}: message {index} is not a JSON object")
    role = message.get("role")
    if role not in ROLES:
        raise TrainingFileError(f"{where}: message {index} has unknown role {json.dumps(role)} "
                                f"(expected one of {', '.join(ROLES)})")
    content = message.get("content")
    if not isinstance(content, str):
        raise TrainingFileError(f"{where}: message {index} ({role}) has no text content (expected a string)")
    if not content.strip():
        raise TrainingFileError(f"{where}: message {index} ({role}) is empty")
    return {"role": role, "content": content}
