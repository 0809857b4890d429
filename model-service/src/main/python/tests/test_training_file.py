import json

import pytest

from tailor_trainer.training_file import TrainingFileError, read_conversations

GOOD = {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi?"},
                     {"role": "assistant", "content": "Hello."}]}


def write(tmp_path, *lines):
    path = tmp_path / "train.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def error_of(tmp_path, *lines):
    with pytest.raises(TrainingFileError) as caught:
        read_conversations(write(tmp_path, *lines))
    return str(caught.value)


def test_reads_conversations_with_their_line_numbers_skipping_blank_lines(tmp_path):
    conversations = read_conversations(write(tmp_path, json.dumps(GOOD), "", json.dumps(GOOD)))
    assert [c.line for c in conversations] == [1, 3]
    assert conversations[0].messages == GOOD["messages"]


def test_keeps_only_role_and_content(tmp_path):
    record = {"messages": [{"role": "user", "content": "Q", "name": "x"},
                           {"role": "assistant", "content": "A", "weight": 1}]}
    [conversation] = read_conversations(write(tmp_path, json.dumps(record)))
    assert conversation.messages == [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]


@pytest.mark.parametrize("line, reason", [
    ('{"messages": [', "training file line 2: not JSON"),
    ('[1, 2]', "training file line 2: not a JSON object"),
    ('{"prompt": "x"}', "training file line 2: no messages"),
    ('{"messages": []}', "training file line 2: no messages"),
    ('{"messages": [{"role": "user", "content": "Q"}]}', "training file line 2: no assistant message"),
    ('{"messages": [{"role": "tool", "content": "Q"}, {"role": "assistant", "content": "A"}]}',
     'training file line 2: message 1 has unknown role "tool"'),
    ('{"messages": [{"content": "Q"}, {"role": "assistant", "content": "A"}]}',
     "training file line 2: message 1 has unknown role null"),
    ('{"messages": ["Q", {"role": "assistant", "content": "A"}]}', "training file line 2: message 1 is not a JSON object"),
    ('{"messages": [{"role": "user", "content": [{"type": "text", "text": "Q"}]}, {"role": "assistant", "content": "A"}]}',
     "training file line 2: message 1 (user) has no text content"),
    ('{"messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "  "}]}',
     "training file line 2: message 2 (assistant) is empty"),
])
def test_names_the_line_and_the_reason(tmp_path, line, reason):
    assert error_of(tmp_path, json.dumps(GOOD), line, json.dumps(GOOD)).startswith(reason)


def test_an_empty_file_has_no_examples(tmp_path):
    assert error_of(tmp_path, "", "  ") == "training file: empty, it has no examples"


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(TrainingFileError, match="validation file: cannot be read"):
        read_conversations(tmp_path / "missing.jsonl", "validation file")


def test_binary_garbage_is_not_utf8(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_bytes(b"\xff\xfe\x00garbage\n")
    with pytest.raises(TrainingFileError, match="not UTF-8"):
        read_conversations(path)
