"""`python -m bestservice` runs the same CLI as the `bestservice` console script."""

import os
import sys

# `python -m` puts the working directory first on the module path: a checkout is not code, so a module
# named in its settings (a Markdown extension in mkdocs.yml) must never be imported from it.
if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from bestservice.cli import main  # noqa: E402

sys.exit(main())
