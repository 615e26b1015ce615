"""`python -m bench.load`: see the package's docstring and bench/README.md."""

import sys

from bench.load.run import main

sys.exit(main())
