"""MkDocs hooks for the bilingual essays site.

The files directly in this folder (``blog.py``, ...) are MkDocs hooks: thin glue that
wires MkDocs events to the pure modules in :mod:`hooks.core`, which know nothing of
MkDocs and are unit-tested directly.
"""
