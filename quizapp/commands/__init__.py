"""Command-line subcommands, one module each, imported only when used.

Each module defines ``add_arguments(parser)`` and ``run(args) -> int``.
None of them imports Qt unless its job needs it (export to PDF).
"""


def replace_unencodable_output() -> None:
    """Print a character the terminal's encoding lacks as '?' instead of failing: a
    bank's text (a name, a quote) must never turn a report into a traceback."""
    import io
    import sys

    for stream in (sys.stdout, sys.stderr):
        # pytest and pipes may hand us a stream that is not a TextIOWrapper
        if isinstance(stream, io.TextIOWrapper):
            try:
                stream.reconfigure(errors="replace")
            except ValueError:
                pass
