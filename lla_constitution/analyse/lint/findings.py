"""A finding: one defect, located in the rule file, with what it means for a
reader; and the report that lists the findings file by file.

>>> f = Finding("toy.lla", 3, 5, "warning", "threshold", "clause 2 asks more", clause="2")
>>> f.headline()
'toy.lla:3:5: warning[threshold]: clause 2 asks more'
>>> f.to_json()["clause"], "help" in f.to_json()
('2', False)
>>> print(render_report([("toy.lla", [f]), ("ok.lla", [])]), end="")
toy.lla:3:5: warning[threshold]: clause 2 asks more
  clause 2
<BLANKLINE>
toy.lla: 0 errors, 1 warning, 0 info
<BLANKLINE>
ok.lla: no findings
<BLANKLINE>
2 files: 0 errors, 1 warning, 0 info
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ... import ast as A
from ...source import Span

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One defect, located in the rule file, with what it means for a reader."""

    file: str
    line: int
    col: int
    severity: str
    code: str
    message: str
    clause: str | None = None
    when: tuple[str, ...] = ()
    consequence: str | None = None
    help: str | None = None
    # Shown but left out of equality, so that the same defect found in
    # several constitutions of one file (options, amendments) is one finding.
    span: Span | None = field(default=None, compare=False, repr=False)
    clause_text: str | None = field(default=None, compare=False, repr=False)

    def sort_key(self):
        return (self.file, self.line, self.col, self.code, self.message)

    def headline(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"

    def render(self) -> str:
        out = [self.headline()]
        if self.span is not None:
            out.append(self.span.source.snippet(self.span))
        if self.clause is not None:
            out.append(f"  clause {self.clause}" + (f": “{_first_line(self.clause_text)}”"
                                                    if self.clause_text else ""))
        if self.when:
            out.append("  when: " + "; ".join(self.when))
        if self.consequence:
            out.append(f"  consequence: {self.consequence}")
        if self.help:
            out.append(f"  help: {self.help}")
        return "\n".join(out)

    def to_json(self) -> dict:
        """Every field; as elsewhere in the JSON contract, a null is left out."""
        data = {"file": self.file, "line": self.line, "col": self.col, "clause": self.clause,
                "severity": self.severity, "code": self.code, "message": self.message,
                "when": list(self.when), "consequence": self.consequence, "help": self.help}
        return {k: v for k, v in data.items() if v is not None}


def _first_line(text: str, width: int = 100) -> str:
    """The clause's opening words: enough to recognise it, never a page."""
    line = text.strip().split("\n")[0].strip()
    more = "\n" in text.strip() or len(line) > width
    return (line[: width - 1].rstrip() if len(line) > width else line) + ("…" if more else "")


def finding(span: Span | None, severity: str, code: str, message: str, clause: A.Clause | None,
            **extra) -> Finding:
    """A finding at `span` (its file, line and column), about `clause`."""
    where = span.source.name if span else "<rules>"
    return Finding(where, span.line if span else 0, span.col if span else 0, severity, code,
                   message, clause.id if clause else None, span=span,
                   clause_text=clause.text if clause else None, **extra)


def within(span: Span | None, needle: str) -> Span | None:
    """The span of `needle` from the start of `span` to the end of its last
    line (to mark the very words), else `span`. A clause's span is its id
    alone, so the rest of the line is searched too."""
    if span is None:
        return None
    text = span.source.text
    stop = text.find("\n", span.end)
    at = text.find(needle, span.start, len(text) if stop < 0 else stop)
    return span.source.span(at, at + len(needle)) if at >= 0 else span


def text_span(clause: A.Clause, start: int, end: int) -> Span | None:
    """Characters [start, end) of a clause's text, located in the rule file."""
    span = clause.span
    if span is None:
        return None
    at = span.source.text.find('"""' + clause.text + '"""', span.start)
    if at < 0:  # an amendment edited the text: point at the clause
        return span
    return span.source.span(at + 3 + start, at + 3 + end)


def at_least(findings: list[Finding], severity: str) -> list[Finding]:
    """The findings of `severity` or worse."""
    worst = SEVERITIES[: SEVERITIES.index(severity) + 1]
    return [f for f in findings if f.severity in worst]


def _counts(findings: list[Finding]) -> str:
    n = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    if not findings:
        return "no findings"
    return (f"{n['error']} error{'' if n['error'] == 1 else 's'}, "
            f"{n['warning']} warning{'' if n['warning'] == 1 else 's'}, {n['info']} info")


def render_report(results: list[tuple[str, list[Finding]]], words=None) -> str:
    """Findings grouped per file, each file closed by its counts; a total
    line when there are several files. `words(text, name)` puts a file's
    findings in plain words, with that file's names for its bodies."""
    out = []
    for name, findings in results:
        block = []
        for f in findings:
            block += [f.render(), ""]
        text = "\n".join(block)
        out += [words(text, name) if words and text else text] if block else []
        out += [f"{name}: {_counts(findings)}", ""]
    if len(results) > 1:
        every = [f for _, fs in results for f in fs]
        out.append(f"{len(results)} files: {_counts(every)}")
    return "\n".join(out).rstrip("\n") + "\n"
