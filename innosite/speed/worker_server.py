"""What the worker processes' server loads before it starts (speed/workers.py): nothing but the order to ignore
Ctrl-C, which every worker inherits from birth, before it imports anything.

Ctrl-C in a terminal reaches every process of the command; the build alone answers it, with one line. A worker
interrupted while importing would print a traceback of its own. The server preloads nothing else: modules
preloaded there are held by the server as well as by the workers (about 30 MB more in all)."""

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
