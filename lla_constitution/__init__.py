"""lla-constitution: the LLA draft constitutions as executable, cited rules.

>>> from lla_constitution import load, ask
>>> ask("what fee does a local group pay?", [load("dulwich")])[0].status
'silent'
"""
from .ask import ask
from .loader import load

__all__ = ["ask", "load"]
__version__ = "0.1.0"
