"""Count the LLA's NEC election: ranked ballots in, order of election out.

The launch conference motion asks for "a transferable voting system" and
that the nine CLP places be "listed in the order of position they are
elected in"; it names no method. :mod:`.ballots` reads BLT or CSV ballots,
:mod:`.stv` counts them with the stvpoll library by a chosen method,
:mod:`.result` holds the result and :mod:`.report` words it.

>>> from lla_constitution.source import Source
>>> c = count(parse(Source("x.csv", "Ann,Bo\\nBo\\nAnn\\n")), seats=1)
>>> c.elected, c.method
(['Ann'], 'scottish-stv')
"""
from .ballots import parse, read
from .stv import DEFAULT_SEED, METHODS, count

__all__ = ["DEFAULT_SEED", "METHODS", "count", "parse", "read"]
