"""Build the programme website: `python build.py --help`."""

import sys

from innosite.cli import main

if __name__ == "__main__":
    sys.exit(main())
