"""Expand directives in docs_src/templates/*.md into docs/*.md.

Run `python docs_src/gen.py` after changing the engine or the rules: every
command output, rule snippet and vocabulary table in the docs is regenerated.

Directives (each alone on a line):
  @@run [cwd=DIR] [exit] [json=N] CMD     run CMD, paste `$ CMD` and its output
  @@clause BOOK ID                        the clause block from rules/BOOK.lla
  @@block BOOK choice|amendment ID        any top-level block, e.g. a choice
  @@header BOOK                           the lines before the first clause
  @@file PATH LANG [as=NAME]              a file's contents in a code block
  @@vocab topics|facts|kinds|tallies      tables from lla_constitution/vocab.py
  @@lint ARGS                             `lla lint --json ARGS`, run, as a list per rule file
  @@raw CMD                               run CMD and paste its output as markdown
"""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TPL = ROOT / "docs_src" / "templates"
OUT = ROOT / "docs"
ENV = dict(os.environ, PATH=str(Path(sys.executable).parent) + ":" + os.environ["PATH"], COLUMNS="200")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs_src"))

problems = []


def run(arg: str) -> str:
    opts = {}
    while True:
        m = re.match(r"(cwd|json)=(\S+)\s+|(exit)\s+", arg)
        if not m:
            break
        if m.group(3):
            opts["exit"] = True
        else:
            opts[m.group(1)] = m.group(2)
        arg = arg[m.end():]
    cwd = str(ROOT / opts.get("cwd", "."))
    p = subprocess.run(["bash", "-c", arg], cwd=cwd, env=ENV, capture_output=True, text=True)
    out = p.stdout + p.stderr  # stdout first; our commands write to one of them
    if p.stdout and p.stderr:
        out = p.stderr if not p.stdout.strip() else p.stdout + p.stderr
    if "internal error" in out or "Traceback" in out:
        problems.append(f"internal error from: {arg}")
    lines = [l.rstrip() for l in out.rstrip("\n").split("\n")]
    text = "\n".join(lines)
    block = f"```console\n$ {arg}\n{text}\n```"
    if opts.get("exit"):
        block += f"\n\nExit code: **{p.returncode}**"
    return block


def block(book: str, kind: str, bid: str) -> str:
    """A top-level `KIND ID ... end` block of rules/BOOK.lla, with the comments
    just above it. Nested clauses and options are indented, so the block ends
    at the first `end` in the first column."""
    lines = (ROOT / "rules" / f"{book}.lla").read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if re.match(rf"{kind} {re.escape(bid)}(\s|$)", line):
            start = i
            while start > 0 and lines[start - 1].startswith("#"):
                start -= 1
            end = i
            while lines[end] != "end":
                end += 1
            return "```text\n" + "\n".join(lines[start:end + 1]) + "\n```"
    problems.append(f"no {kind} {bid} in {book}")
    return f"(missing {kind} {book} {bid})"


def clause(book: str, cid: str) -> str:
    return block(book, "clause", cid)


def header(book: str) -> str:
    lines = (ROOT / "rules" / f"{book}.lla").read_text(encoding="utf-8").split("\n")
    out = []
    for line in lines:
        if line.startswith("clause "):
            break
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "```text\n" + "\n".join(out) + "\n```"


def file(arg: str) -> str:
    parts = arg.split()
    path, lang = parts[0], parts[1]
    text = Path(path if path.startswith("/") else ROOT / path).read_text(encoding="utf-8").rstrip("\n")
    return f"```{lang}\n{text}\n```"


def vocab(which: str) -> str:
    import importlib

    import lla_constitution.vocab as V
    importlib.reload(V)
    if which == "topics":
        rows = ["| topic | takes a body? | value | what it decides |", "|---|---|---|---|"]
        for t in V.TOPICS.values():
            name = f"`{t.name}(BODY)`" if t.target else f"`{t.name}`"
            rows.append(f"| {name} | {'yes' if t.target else 'no'} | {t.value} | {t.doc} |")
    elif which == "facts":
        rows = ["| fact | type | meaning | values |", "|---|---|---|---|"]
        for f in V.FACTS.values():
            if f.name == "kind":
                vals = "any kind below"
            elif f.name == "by":
                vals = "the bodies the rulebook declares"
            elif f.name == "member_of":
                vals = "organisations the rulebook declares with `body`"
            else:
                vals = ", ".join(f"`{v}`" for v in f.values)
            rows.append(f"| `{f.name}` | {f.type} | {f.doc} | {vals} |")
    elif which == "kinds":
        rows = ["| kind | meaning | words a question may use |", "|---|---|---|"]
        for k in V.KINDS.values():
            rows.append(f"| `{k.name}` | {k.label} | " + ", ".join(f"“{w}”" for w in k.words) + " |")
    elif which == "tallies":
        rows = ["| tally | what it counts |", "|---|---|"]
        for k, v in V.TALLIES.items():
            rows.append(f"| `{k}` | {v} |")
    else:
        raise SystemExit(f"unknown vocab table {which}")
    return "\n".join(rows)


def _md(text: str) -> str:
    """Plain text safe in Markdown: no stray emphasis, links or HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


def _lint_item(f: dict) -> list[str]:
    head = (f"- **{f['severity']}** ({f['code']}), clause {_md(f['clause'])} "
            f"(rule file line {f['line']}): {_md(f['message'])}")
    rest = [f"    - when: {_md('; '.join(f['when']))}"] if f["when"] else []
    rest += [f"    - {label}: {_md(f[key])}" for key, label in
             (("consequence", "consequence"), ("help", "fix")) if f.get(key)]
    return [head] + rest


def _counts(findings: list) -> str:
    if not findings:
        return "no findings"
    n = {s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")}
    return (f"{n['error']} error{'' if n['error'] == 1 else 's'}, "
            f"{n['warning']} warning{'' if n['warning'] == 1 else 's'}, {n['info']} info")


def _linted(arg: str, findings: list) -> dict[str, list]:
    """The findings per rule file, every file linted included (a clean one
    has no line in the JSON)."""
    per_file: dict[str, list] = {}
    for word in arg.split():
        if (ROOT / word).is_dir():
            for path in sorted((ROOT / word).glob("*.lla")):
                per_file[str(path.relative_to(ROOT))] = []
    for f in findings:
        per_file.setdefault(f["file"], []).append(f)
    return dict(sorted(per_file.items()))


def lint(arg: str) -> str:
    """Run `lla lint --json ARGS` and list its findings: a table of counts,
    then one section per rule file, errors and warnings before info."""
    p = subprocess.run(["bash", "-c", f"lla lint --json {arg}"], cwd=ROOT, env=ENV,
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        problems.append(f"lla lint failed: {arg}: {p.stderr.strip()}")
        return f"(lla lint {arg} failed)"
    per_file = _linted(arg, json.loads(p.stdout))
    severities = ("error", "warning", "info")
    out = ["| rule file | errors | warnings | info |", "|---|---|---|---|"]
    for name, found in per_file.items():
        counts = " | ".join(str(sum(1 for f in found if f["severity"] == s)) for s in severities)
        out.append(f"| [`{name}`](#{Path(name).stem}) | {counts} |")
    for name, found in per_file.items():
        rid = Path(name).stem
        # A bundled rulebook has a page of its own (written by rulebooks.py).
        page = (f" Every clause beside its rules: [{rid}](rulebooks/{rid}.md)."
                if name.startswith("rules/") else "")
        out += ["", f"### {rid}", "", f"`{name}`: {_counts(found)}.{page}", ""]
        for severity in severities:
            out += [line for f in found if f["severity"] == severity for line in _lint_item(f)]
    return "\n".join(out)


def raw(arg: str) -> str:
    """A command's output pasted as it is: for commands that print markdown."""
    p = subprocess.run(["bash", "-c", arg], cwd=ROOT, env=ENV, capture_output=True, text=True)
    if p.returncode != 0 or "Traceback" in p.stderr:
        problems.append(f"failed: {arg}: {p.stderr.strip()}")
    return p.stdout.rstrip("\n")


def expand(text: str) -> str:
    out = []
    for line in text.split("\n"):
        m = re.match(r"@@(\w+)\s*(.*)$", line)
        if not m:
            out.append(line)
            continue
        kind, arg = m.groups()
        if kind == "run":
            out.append(run(arg))
        elif kind == "clause":
            out.append(clause(*arg.split()))
        elif kind == "block":
            out.append(block(*arg.split()))
        elif kind == "header":
            out.append(header(arg.strip()))
        elif kind == "file":
            out.append(file(arg))
        elif kind == "vocab":
            out.append(vocab(arg.strip()))
        elif kind == "lint":
            out.append(lint(arg.strip()))
        elif kind == "raw":
            out.append(raw(arg.strip()))
        else:
            raise SystemExit(f"unknown directive {kind}")
    return "\n".join(out)


for tpl in sorted(TPL.glob("*.md")):
    (OUT / tpl.name).write_text(expand(tpl.read_text(encoding="utf-8")), encoding="utf-8")
    print("wrote", OUT / tpl.name)
from rulebooks import write as write_rulebooks  # noqa: E402

# The comparison as a page a committee member can open, linked from compare.md.
subprocess.run(["lla", "compare", "--format", "html", "-o", str(OUT / "compare.html")],
               cwd=ROOT, env=ENV, check=True, capture_output=True)
print("wrote", OUT / "compare.html")

for rid in write_rulebooks(OUT):
    print("wrote", OUT / "rulebooks" / f"{rid}.md")
for p in problems:
    print("PROBLEM:", p)
