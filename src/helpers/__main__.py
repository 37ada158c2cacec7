"""``python -m helpers build|run|list|data|tracker``: see ``helpers.pipeline.cli``."""

import sys

from helpers.pipeline.cli import main

if __name__ == "__main__":
    sys.exit(main())
