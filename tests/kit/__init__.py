"""The test kit every app uses: the permission matrix, query budgets, search-versus-access proofs.

- :mod:`.matrix`: each app declares ``tests/<app>/matrix.py`` (its URLs × personas, and the
  query budget of each of its pages); ``tests/test_matrix.py`` runs them and fails for any URL
  of a project app that no matrix covers.
- :mod:`.queries`: the query count of a page at 1 and at 50 rows.
- :mod:`.search`: a search source returns exactly what its model's ``visible_to`` returns.
- :mod:`.worker`: a real Celery worker process on the test database and Redis.
- :mod:`.pages`: a page's HTML as cache tests compare it (the nonce and CSRF token blanked).
"""
