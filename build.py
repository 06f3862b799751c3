"""Build the programme website: `python build.py --help`."""

import gc
import os
import sys

from innosite.commands.cli import main

if __name__ == "__main__":
    # A build makes millions of objects that live until it ends and hardly any reference cycles:
    # the cycle collector's passes over them cost seconds and free nothing (docs/performance.md).
    # The preview server turns it back on (innosite/serve.py).
    gc.disable()
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # all is written and closed: no need to free the site model object by object
