"""`lla serve`: the committee's web app (issue 15).

Pages to ask, check, compare, diff and read the drafts in a browser, and a
JSON API under /api that returns what each `lla` command prints with
--json. `app` builds it, `api` and `pages` are its routes, `work` runs the
engine within `limits`, `forms` makes the check form from the action models.
"""
