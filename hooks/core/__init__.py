"""Pure logic of the site: content model, validation, dates, series, links, rendering.

Nothing in this package imports MkDocs, so it can be unit-tested directly and reused
by a successor of MkDocs.
"""
