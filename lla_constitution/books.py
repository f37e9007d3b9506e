"""Which constitutions a command asks: `--draft` specs (a draft, a composite
with options, an amended draft) turned into resolved rulebooks.

>>> [b.id for b in books(["cac:4.2=B"], topics={("fee", None)})]
['cac[4.2=B]']
"""
from __future__ import annotations


def draft_spec(spec: str) -> tuple[str, list[str], list[str]]:
    """One spelling of a draft everywhere: `cac:4.2=B,3.2=A` (as diff and lint
    take it), `cac[4.2=B]` (as answers are labelled) and `london+swansea`
    (amended) give the draft, its options and its amendments.

    >>> draft_spec("cac:4.2=B,3.2=A"), draft_spec("cac[4.2=B]"), draft_spec("london+swansea")
    (('cac', ['4.2=B', '3.2=A'], []), ('cac', ['4.2=B'], []), ('london', [], ['swansea']))
    """
    from .loader import is_file

    if is_file(spec) or spec.endswith(".lla"):
        return spec, [], []
    name, picks = spec, ""
    if spec.endswith("]") and "[" in spec:
        name, _, picks = spec[:-1].partition("[")
    elif ":" in spec and "=" in spec.partition(":")[2]:
        name, _, picks = spec.partition(":")
    name, *amends = name.split("+")
    return name, [p.strip() for p in picks.split(",") if p.strip()], amendment_names(spec, amends)


def amendment_names(spec: str, names: list[str], path: str | None = None) -> list[str]:
    """The amendments written after '+', each once and none empty (round 66:
    'london+' passed as london, and 'london+swansea+swansea' failed inside
    the bundled rule file).

    >>> amendment_names("london+swansea", ["swansea"])
    ['swansea']
    """
    from .errors import InputError, fail

    if path is None and any(not n.strip() for n in names):
        fail(InputError, None, f"'{spec}' has an empty amendment name after '+'", path=spec,
             help="name each amendment after its '+', e.g. london+swansea, or leave the '+' out")
    seen = [n for i, n in enumerate(names) if n in names[:i]]
    if seen:
        # Said of the spec written ('london+swansea+swansea'), or of the
        # option or argument that lists them (`path`: --amend, AMENDMENTS).
        fail(InputError, None, f"amendment '{seen[0]}' is given twice" + ("" if path else f" in '{spec}'"),
             path=path or spec, help="give each amendment once")
    return list(names)


def expand(drafts, options=(), amends=()):
    names, opts, ams = [], list(options), list(amends)
    for d in drafts:
        name, o, a = draft_spec(d)
        names.append(name)
        opts += [x for x in o if x not in opts]
        ams += [x for x in a if x not in ams]
    return names, opts, ams


def books(drafts, options=(), amends=(), topics=None):
    """The constitutions `drafts` name, composites split on their open options
    where `topics` depend on them."""
    from .loader import load_variants

    specs = [draft_spec(d) for d in drafts]
    for d, spec in zip(drafts, specs):
        _check_spec(d, *spec)
    names = [name for name, _, _ in specs]
    if len(names) != len(set(names)):
        # One draft asked as written and as amended (`--draft london --draft
        # london+swansea`), or with different options (`--draft cac --draft
        # cac:3.2=B`): each spec is its own constitution, the amendment or
        # option only where it is named (round 23: the plain draft was
        # dropped; round 56: so was the open composite, and two options of
        # one choice were refused as "given twice").
        out: list = []
        for name, opts, ams in specs:
            for b in load_variants([name], list(options) + [o for o in opts if o not in options],
                                   list(amends) + [a for a in ams if a not in amends], topics):
                if all(b.id != x.id for x in out):
                    out.append(b)
        return out
    drafts, options, amends = expand(drafts, options, amends)
    return load_variants(drafts, options, amends, topics)


def _check_spec(spec: str, name: str, opts: list[str], ams: list[str]) -> None:
    """Options and amendments written into a `--draft` spec are checked there,
    so an error names the spec the user typed, not `--option` or `--amend`
    (as `lla diff` does with its sides).

    >>> from lla_constitution.errors import InputError
    >>> try:
    ...     _check_spec("cac:3.2=Z", "cac", ["3.2=Z"], [])
    ... except InputError as e:
    ...     print(e.path, "|", e.message)
    cac:3.2=Z | choice 3.2 (How is the leadership elected?) has no option 'Z'
    """
    if not opts and not ams:
        return
    from .compose import parse_options
    from .errors import InputError, did_you_mean, fail
    from .loader import load

    ast = load(name).ast
    for aid in ams:
        if ast.amendment(aid) is None:
            known = [a.id for a in ast.amendments]
            fail(InputError, None, f"{ast.id} has no amendment '{aid}'", path=spec,
                 expected=("one of " + ", ".join(known)) if known else None,
                 help=did_you_mean(aid, known) or (None if known else f"{ast.id} has no amendments"))
    if opts and not ast.choices:
        fail(InputError, None, f"{ast.id} has no options to choose", path=spec,
             help="options apply to composite drafts such as cac:3.2=A")
    # Whether a choice's parent is chosen is checked later, with --option too.
    parse_options(ast, opts, arg=spec, requires=False)


def books_indirect(drafts, options, amends, topics):
    """The constitutions to ask, split also on the choices a question depends
    on only indirectly (who may affiliate, who may change the constitution),
    and for each composite the ids of those choices (see compose.collapse)."""
    from .compose import indirect_choices, indirect_topics
    from .loader import load_many

    names, opts, _ = expand(drafts, options, amends)
    # A choice the user fixed stays in the label, though asked only
    # indirectly (round 47: `cac:3.2=E,2.2=C` was labelled `cac[3.2=E]`, its
    # answer turning on 2.2.c).
    fixed = {o.partition("=")[0].strip() for o in opts}
    indirect = {b.id: indirect_choices(b.ast, topics) - fixed for b in load_many(names) if b.ast.choices}
    wide = set(topics) | indirect_topics(topics)
    return books(drafts, options, amends, wide), indirect


def menus(drafts) -> dict[str, dict[str, list[str]]]:
    """Each composite asked, with every option of each of its choices: what
    compose.collapse_alike must see all of before it sets a choice aside
    (round 60: `--draft cac:3.2=A --draft cac:3.2=C` answered alike was
    labelled plain "cac", as if every option of 3.2 gave it).

    >>> menus(["cac:3.2=A"])["cac"]["3.2"]
    ['A', 'B', 'C', 'D', 'E', 'neither']
    """
    from .loader import load_many

    names, _, _ = expand(drafts)
    return {b.id: {c.id: [o.key for o in c.options] for c in b.ast.choices}
            for b in load_many(names) if b.ast.choices}
