"""Build the programme website: `python build.py --help` (the same as the installed `innosite` command)."""

from innosite.__main__ import run

if __name__ == "__main__":
    run()
