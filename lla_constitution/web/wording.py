"""The engine's messages as a page's reader meets them.

The engine words its errors and hints for the command line ("see lla ask
--help", "pass --register FILE", "--option 3.2=A"). A page has controls,
not flags, so the pages say the same thing in terms of what is on screen.
The API keeps the command line's words: its `rendered` is what `lla` prints.

>>> for_web("(GROUP, PERSON, BODY: see lla ask --help, which lists every form)")
'(GROUP, PERSON, BODY: the suggestions under the question box list every form)'
>>> for_web("expected: --option 3.2=A or --option 3.2=E")
'expected: option 3.2 = A or option 3.2 = E'
"""
from __future__ import annotations

import re

# (pattern, replacement), applied in order: longer phrases before the
# flags they hold.
_PAGE_WORDS = [
    (r"see lla ask --help, which lists every form",
     "the suggestions under the question box list every form"),
    (r" \(no --register file given\)", ""),
    (r"pass --register FILE with the person, or describe them", "describe them"),
    (r" or pass --register FILE", ""),
    (r"a person's name from the --register file, or a person in words", "a person in words"),
    (r", or a name from --register", ""),
    (r"a name from the --register file, or the group described here", "the group described here"),
    (r"see the choices with: lla compose cac --list-options", "the option menus list the choices"),
    (r"--option applies to composite drafts such as cac", "options apply to composite drafts such as cac"),
    (r"--option needs a composite draft, and none was asked",
     "an option was chosen, but no composite draft is ticked"),
    (r"add --draft cac", "tick cac"),
    (r"ask, check and diff take --option CHOICE=OPTION, e\.g\. --option", "pick one in the menus, e.g."),
    # The Check form has a box of votes per tally, headed by its name.
    (r"add '(\w+): \{for: N, against: N, abstain: N\}'",
     lambda m: f"fill in the '{m.group(1).replace('_', ' ')}' box"),
    (r"add the number entitled to vote as 'eligible: N'", "fill in 'eligible', how many may vote"),
    (r"--option ([\w.]+)=([\w.-]+)", r"option \1 = \2"),
    (r"^--option: error:", "options: error:"),
    (r"^--amend: error:", "amendments: error:"),
]
_COMPILED = [(re.compile(p, re.M), r) for p, r in _PAGE_WORDS]
# "check an action file with each tally (`lla new pass_motion`)": the Check
# page holds that action's form.
_NEW = re.compile(r"check an action file with (.+?) \(`lla new (\w+)`\)")


def for_web(text: str, html: bool = False) -> str:
    """`text` with the command line's flags and help put in a page's words;
    in `html` (already escaped) the Check page is a link to the action's form.

    >>> for_web("check an action file with each tally (`lla new pass_motion`)", html=True)
    'check it on the <a href="/check?action=pass_motion">Check page</a> with each tally'
    """
    if html:
        # The phrases hold apostrophes, which escaped HTML writes as entities;
        # a bare apostrophe is as valid in text and double-quoted attributes.
        text = text.replace("&#x27;", "'").replace("&#39;", "'")
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    link = r'<a href="/check?action=\2">Check page</a>' if html else "Check page"
    return _NEW.sub(rf"check it on the {link} with \1", text)
