"""`python -m bestservice` runs the same CLI as the `bestservice` console script."""

import sys

from bestservice.cli import main

sys.exit(main())
