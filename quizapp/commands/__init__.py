"""Command-line subcommands, one module each, imported only when used.

Each module defines ``add_arguments(parser)`` and ``run(args) -> int``.
None of them imports Qt unless its job needs it (export to PDF).
"""
