"""The CLI reference in the README, generated from the parser itself: ``python -m cli.clidoc``.

A test checks that the README carries exactly this text, so the two cannot drift apart.
"""

from __future__ import annotations

import argparse
import os

from cli.commands import build_parser

BEGIN, END = "<!-- cli-reference:begin -->", "<!-- cli-reference:end -->"


def cli_reference() -> str:
    os.environ["COLUMNS"] = "100"  # argparse wraps help to the terminal; the README must not depend on it
    parser = build_parser()
    parts = [BEGIN, "```text", parser.format_help().strip(), "```"]
    subcommands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in subcommands.choices.items():
        parts += [f"\n#### qzxl {name}\n", "```text", sub.format_help().strip(), "```"]
    parts.append(END)
    return "\n".join(parts)


if __name__ == "__main__":
    print(cli_reference())
