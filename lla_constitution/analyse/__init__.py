"""Analyses over whole rulebooks rather than one question: the semantic diff
of two drafts, the topic × draft comparison, and the linter."""
