"""Benchmark of the library search, extraction and indexing on a large synthetic library.

    DJANGO_SETTINGS_MODULE=hub.settings.dev .venv/bin/python -m bench.library_search --docs 5000

Uses its own database (``--database``, default ``scn_hub_bench``), created if missing; never the
development database; refuses (exit code 2) a database holding more generated documents than
``--docs``. Results go to timestamped files in bench/out/; ``--publish`` writes the committed
bench/results-<docs>.json and bench/explain-<docs>.txt. See bench/README.md.

- :mod:`.generate`: the synthetic library and the database facts;
- :mod:`.terms`: the users and the query terms, by their measured document frequency;
- :mod:`.timing`: interleaved rounds over all cells, percentiles, query labels;
- :mod:`.measure`: the search page, the straightforward SQL, the plans;
- :mod:`.extraction`: extraction throughput and time to searchable;
- :mod:`.report`: verdicts, tables and the command line (:func:`main`).
"""

from bench.library_search.common import BENCH_DIR, log
from bench.library_search.extraction import sample_pdfs
from bench.library_search.report import main

__all__ = ["BENCH_DIR", "log", "main", "sample_pdfs"]
