"""`python -m library.extraction PATH` (one file, unlimited) or `--serve` (the limited server)."""

import sys

from library.extraction.limited import main

sys.exit(main())
