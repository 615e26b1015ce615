"""`python -m bench.library_search`: see the package's docstring and bench/README.md."""

import sys

from bench.library_search.report import main

sys.exit(main())
