"""``python -m helpers build|run|list``: see ``helpers.pipeline.cli``."""

import sys

from helpers.pipeline.cli import main

if __name__ == "__main__":
    sys.exit(main())
