"""`python -m bench.cityprofiles_search`: see the package's docstring and bench/README.md."""

import sys

from bench.cityprofiles_search.measure import main

sys.exit(main())
