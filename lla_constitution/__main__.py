"""`python -m lla_constitution` runs the `lla` command."""
from .cli import main

main(prog_name="lla")
