"""Print AST nodes back as DSL text; parsing the output gives the same AST.

>>> from lla_constitution.loader import parse_text
>>> book = parse_text("rulebook x\\nclause 1 fee = £20 per year when kind = local_group end")
>>> print(format_rule(book.clauses[0].items[0]))
fee = £20 per year when kind = local_group
"""
from __future__ import annotations

from fractions import Fraction

from . import ast as A


def money(pence: int) -> str:
    pounds, rest = divmod(pence, 100)
    return f"£{pounds}" + (f".{rest:02d}" if rest else "")


def share(value: Fraction) -> str:
    pct = value * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    text = f"{float(pct):.6f}".rstrip("0").rstrip(".")
    return f"{text}%"


def literal(lit: A.Lit) -> str:
    if lit.type == "money":
        return money(lit.value)
    if lit.type == "share":
        return share(lit.value)
    if lit.type == "duration":
        n, unit = lit.value
        return f"{n} {unit[:-1] if n == 1 else unit}"
    if lit.type == "date":
        return lit.value.isoformat()
    return str(lit.value)


def value(v) -> str:
    if isinstance(v, A.Ratio):
        return f"{v.n} per {v.per} {v.fact}" + (f" rounded {'to ' if v.rounding == 'nearest' else ''}{v.rounding}" if v.rounding else "")
    if isinstance(v, A.Count):
        return ("up to " if v.up_to else "") + str(v.n)
    if isinstance(v, A.Money):
        return ("at least " if v.at_least else "") + money(v.pence) + (" per year" if v.per_year else "")
    if isinstance(v, A.Permission):
        return "allowed" if v.allowed else "forbidden"
    if isinstance(v, A.Delegated):
        return f"delegated to {v.body}"
    if isinstance(v, A.NotApplicable):
        return "not_applicable"
    if isinstance(v, A.Unspecified):
        return "unspecified"
    if isinstance(v, A.Frequency):
        return ("at least " if v.at_least else "") + v.every
    if isinstance(v, A.Largest):
        return "largest vote"
    if isinstance(v, A.Transferable):
        return "transferable vote"
    if isinstance(v, A.Step):
        return f"go to {v.what}" if v.action == "go" else f"adopt {v.what}"
    if isinstance(v, A.Decision):
        tests = " and ".join(f"{t.fraction} of {'all ' if t.of_all else ''}{t.tally}" for t in v.tests)
        of = f" of {' or '.join(v.referral_of)}" if v.referral_of else ""
        return tests + (f", referred to {v.referral} if one{of}" if v.referral else "")
    raise TypeError(f"not a value: {v!r}")


def cond(c, top: bool = True) -> str:
    if isinstance(c, A.Or):
        # Bracket the 'and' parts too: not needed by the grammar, but kinder to readers.
        text = " or ".join(f"({cond(x, False)})" if isinstance(x, A.And) else cond(x, False)
                           for x in c.conds)
        return text if top else f"({text})"
    if isinstance(c, A.And):
        return " and ".join(cond(x, False) if not isinstance(x, A.Or) else cond(x, False)
                            for x in c.conds)
    if isinstance(c, A.Not):
        inner = cond(c.cond, False)
        if isinstance(c.cond, A.And):
            inner = f"({inner})"
        return f"not {inner}"
    if isinstance(c, A.Flag):
        return c.fact
    if isinstance(c, A.Within):
        return f"{c.fact} in {c.lo}..{c.hi}"
    if isinstance(c, A.Member):
        if c.set_name:
            return f"{c.fact} in {c.set_name}"
        return f"{c.fact} in {{{', '.join(c.names)}}}"
    return f"{c.fact} {c.op} {literal(c.lit)}"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_rule(r: A.Rule) -> str:
    out = r.topic + (f"({r.target})" if r.target else "") + " = " + value(r.value)
    if r.cond is not None:
        out += " when " + cond(r.cond)
    if r.otherwise:
        out += " otherwise"
    if r.overrides:
        out += " overrides " + ", ".join(r.overrides)
    if r.note is not None:
        out += " note " + _quote(r.note)
    return out


def _long(text: str) -> str:
    return f'"""{text}"""'


def _any(text: str) -> str:
    return _long(text) if ("\n" in text or '"' in text) else _quote(text)


def _head_items(node, pad: str) -> list[str]:
    """The lines every block shares: its reason, its asides and its text."""
    out = []
    if node.non_normative is not None:
        out.append(f"{pad}non_normative {_quote(node.non_normative)}")
    for a in node.asides:
        out.append(f"{pad}non_normative {_quote(a.reason)} for {_quote(a.fragment)}")
    if node.text:
        out.append(f"{pad}text {_long(node.text)}")
    return out


def format_clause(c: A.Clause, pad: str = "") -> list[str]:
    head = f"{pad}clause {c.id}"
    if c.number is not None:
        head += f" number {_quote(c.number)}"
    if c.lines is not None:
        head += f" lines {c.lines[0]}..{c.lines[1]}"
    lines = [head] + _head_items(c, pad + "  ")
    if c.carried is not None:
        k = c.carried
        lines.append(f"{pad}  carried {k.votes_for} to {k.votes_against}"
                     + (f" on {k.on.isoformat()}" if k.on else "")
                     + (f" as in {k.figures_from}" if k.figures_from else ""))
    for item in c.items:
        if isinstance(item, A.Rule):
            lines.append(f"{pad}  " + format_rule(item))
        elif isinstance(item, A.Creates):
            lines.append(f"{pad}  creates {item.body}" + (f" by {item.by}" if item.by else ""))
        else:
            lines.append(f"{pad}  either" + (f" {item.name}" if item.name else ""))
            for reading in item.readings:
                lines.append(f"{pad}  reading {_quote(reading.label)}"
                             + (f" because {_quote(reading.because)}" if reading.because else ""))
                lines.extend(f"{pad}    " + format_rule(r) for r in reading.rules)
            lines.append(f"{pad}  end")
    lines.append(f"{pad}end")
    return lines


def _format_op(op, pad: str) -> list[str]:
    if isinstance(op, A.Delete):
        return [f"{pad}delete {op.target}"]
    if isinstance(op, A.EditText):
        if op.new:
            return [f"{pad}edit {op.target} replace {_any(op.old)} with {_any(op.new)}"]
        return [f"{pad}edit {op.target} delete {_any(op.old)}"]
    head = (f"{pad}replace {op.target}" if isinstance(op, A.Replace)
            else f"{pad}insert {op.where} {op.target}")
    lines = [head]
    for c in op.clauses:
        lines += format_clause(c, pad + "  ")
    return lines + [f"{pad}end"]


def format_amendment(am: A.Amendment) -> list[str]:
    head = f"amendment {am.id}" + (f" {_quote(am.title)}" if am.title is not None else "")
    if am.lines is not None:
        head += f" lines {am.lines[0]}..{am.lines[1]}"
    lines = [head] + _head_items(am, "  ")
    for op in am.ops:
        lines += _format_op(op, "  ")
    return lines + ["end"]


def _origin(name: str) -> str:
    import re
    return name if re.fullmatch(r"[a-z][a-z0-9_-]*", name) else _quote(name)


def format_choice(ch: A.Choice) -> list[str]:
    head = f"choice {ch.id} {_quote(ch.title)}"
    if ch.requires is not None:
        head += f" requires {ch.requires[0]} in {', '.join(ch.requires[1])}"
    if ch.lines is not None:
        head += f" lines {ch.lines[0]}..{ch.lines[1]}"
    lines = [head] + _head_items(ch, "  ")
    for opt in ch.options:
        line = f"  option {opt.key}" + (f" {_quote(opt.title)}" if opt.title is not None else "")
        if opt.origins:
            line += " from " + ", ".join(_origin(o) for o in opt.origins)
        lines.append(line)
        for aid in opt.applies:
            lines.append(f"    apply {aid}")
        for c in opt.clauses:
            lines += format_clause(c, "    ")
        lines.append("  end")
    return lines + ["end"]


def format_ballot_form(b: A.Ballot) -> str:
    return {"motion": "motion", "each_choice": "each choice",
            "each_amendment": "each amendment of " + ", ".join(b.items),
            "between": "between " + ", ".join(b.items),
            "ranked": f"ranked {b.places} places"}[b.form]


def format_rulebook(book: A.Rulebook) -> str:
    """The whole rulebook in canonical layout."""
    lines = [f"rulebook {book.id}"]
    if book.title is not None:
        lines.append(f"  title {_quote(book.title)}")
    if book.source is not None:
        name, ranges = book.source
        lines.append(f"  source {_quote(name)} lines " + ", ".join(f"{a}..{b}" for a, b in ranges))
    lines.append("")
    for b in book.bodies:
        aka = (" aka " + ", ".join(_quote(x) for x in b.aliases)) if b.aliases else ""
        only = f" only under {b.only[0]} = {', '.join(b.only[1])}" if b.only else ""
        elects = f" elects {b.elects}" if b.elects else ""
        # A composed constitution keeps the declaration, so that its rules
        # still read, and says that the chosen options never set it up
        # (round 44: `lla conference -o` wrote it as a body that exists).
        unset = " not set up" if b.unset else ""
        outside = " outside the LLA" if b.outside else ""
        lines.append(f"body {b.id} {_quote(b.name)}{aka}{elects}{only}{unset}{outside}")
    for s in book.kind_sets:
        lines.append(f"kinds {s.id} = {', '.join(s.kinds)}")
    for c in book.categories:
        lines.append(f"categories {c.id} = {', '.join(c.sets)}")
    for b in book.ballots:
        lines.append(f"ballot {b.id} {_quote(b.name)} {format_ballot_form(b)}")
    for c in book.clauses:
        lines.append("")
        lines += format_clause(c)
    for ch in book.choices:
        lines.append("")
        lines += format_choice(ch)
    for am in book.amendments:
        lines.append("")
        lines += format_amendment(am)
    return "\n".join(lines) + "\n"
