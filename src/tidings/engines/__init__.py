"""Engines run the analysis of many articles: in this process, in a pool of worker processes,
or (optionally) on Ray. Every engine takes ``(key, article)`` jobs lazily and yields
``(key, Analysis or the failure's reason)``; the caller alone writes to the store."""
