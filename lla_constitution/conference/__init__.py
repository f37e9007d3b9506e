"""Run a conference procedure from its tallies (issue 12).

`tallies` reads the votes, `count` counts one ballot, `run` walks the
procedure's ballots as its rulebook says, and `render` prints the path.
"""
from .run import RunOut, StepOut, run

__all__ = ["RunOut", "StepOut", "run"]
