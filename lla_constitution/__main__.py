"""`python -m lla_constitution` runs the `lla` command."""
from .cli import main

# Guarded: the web app's workers import the main module again (as
# __mp_main__, multiprocessing's way), and must not run the command there.
if __name__ == "__main__":
    main(prog_name="lla")
