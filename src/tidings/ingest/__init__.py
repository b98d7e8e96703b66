"""Readers that turn inputs (text files, stdin; later HTML, URLs, feeds, corpora) into Articles."""

from tidings.ingest.text import read_article

__all__ = ["read_article"]
