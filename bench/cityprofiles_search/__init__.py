"""Benchmark of the directory's search (cityprofiles.search) with 123 cities, 30 practices each.

    DJANGO_SETTINGS_MODULE=hub.settings.dev .venv/bin/python -m bench.cityprofiles_search

Uses its own database (``--database``, default ``scn_hub_bench_cities``), created and migrated
if missing, never the development one; ``--database scn_hub_bench`` adds the cities' profiles and
practices to the 100,000-document library that ``bench.library_search`` generated there. Results
go to a timestamped file in bench/out/. See bench/README.md.

- :mod:`.generate`: the profiles, challenges, networks and practices (multilingual);
- :mod:`.measure`: the directory page through Django's test client, in interleaved rounds;
  :func:`.measure.time_url` times any URL of the site the same way.
"""

from bench.cityprofiles_search.measure import main, time_url

__all__ = ["main", "time_url"]
