"""lla-constitution: the LLA draft constitutions as executable, cited rules.

>>> from lla_constitution import load, ask
>>> ask("what fee does a local group pay?", [load("dulwich")])[0].status
'silent'
"""
import sys
import types

__all__ = ["ask", "load"]
__version__ = "0.1.0"


class _Package(types.ModuleType):
    """`ask` and `load` are imported on first use: importing the package (as
    the CLI does for `lla --help`) should not build the whole engine (issue
    14). `ask` is also the name of a submodule; the import system sets the
    package's attribute to that module when it loads it, so the attribute is
    a property that keeps answering with the function."""

    @property
    def ask(self):
        from .ask import ask as answer

        return answer

    @ask.setter
    def ask(self, module):
        self.__dict__["_ask_module"] = module

    @property
    def load(self):
        from .loader import load

        return load


sys.modules[__name__].__class__ = _Package
