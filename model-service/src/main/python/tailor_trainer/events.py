"""The worker's only channel to its supervisor: one JSON object per line on the original stdout.

Everything else the process or its libraries print (Python or native) goes to stderr: the original stdout is kept on
a private descriptor and descriptor 1 is pointed at stderr before anything heavy is imported.
"""

import json
import math
import os
import sys
import threading


def _finite(value):
    # JSON has no NaN or Infinity, and the supervisor's parser would reject them
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


class Events:
    def __init__(self, stream):
        self._stream = stream
        self._lock = threading.Lock()  # the SIGTERM watcher writes too; lines must never interleave

    @classmethod
    def take_stdout(cls):
        """Events on the process's stdout, which from now on is stderr for everyone else."""
        sys.stdout.flush()
        stream = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
        os.dup2(2, 1)
        sys.stdout = sys.stderr
        return cls(stream)

    def emit(self, event, **fields):
        record = {"event": event, **{key: _finite(value) for key, value in fields.items()}}
        line = json.dumps(record, allow_nan=False) + "\n"
        with self._lock:
            self._stream.write(line)
            self._stream.flush()
