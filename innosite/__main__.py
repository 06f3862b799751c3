"""`innosite COMMAND ...` (the installed console command) and `python -m innosite COMMAND ...`."""

import gc
import os
import sys


def run() -> None:
    """Run the command line and end the process at once with its exit status."""
    from innosite.commands.cli import main

    # A build makes millions of objects that live until it ends and hardly any reference cycles:
    # the cycle collector's passes over them cost seconds and free nothing (docs/performance.md).
    # The preview server turns it back on (innosite/preview/server.py).
    gc.disable()
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # all is written and closed: no need to free the site model object by object


if __name__ == "__main__":
    run()
