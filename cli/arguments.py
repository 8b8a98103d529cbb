"""argparse in the clerk's language: its usage errors and its help headings, in Chinese.

argparse words its errors in English (``argument --exam: expected one argument``) and passes the
finished sentence to ``error()``. :func:`usage_error` turns each of its sentences back into what went
wrong (which option, which value) and says it again from the catalogue, naming the command
(``qzxl schedule``) and the option in question. A sentence it does not know is kept as it is, in the
catalogue's frame, rather than lost.

>>> usage_error("argument --exam: expected one argument")
'--exam 后面要写一个值'
>>> usage_error("unrecognized arguments: --bogus x")
'不认识的参数：--bogus x'
>>> usage_error("argument 命令: invalid choice: 'valdate' (choose from 'validate', 'photos')")
'没有「valdate」这个命令，可用的有：validate、photos（是不是 validate？）'
"""

from __future__ import annotations

import argparse
import difflib
import re

from qzxl.catalogue import say

_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")
_ARGUMENT = re.compile(r"^argument (?P<name>.+?): (?P<message>.*)$", re.S)
COMMAND_METAVAR = say("cli-help-command")  # the metavar of the sub-command


def _quoted(text: str) -> list[str]:
    """The values argparse wrote with repr(): 'valdate', "it's"."""
    return [a if a else b for a, b in _QUOTED.findall(text)] or [part.strip() for part in text.split(",")]


def _names(text: str) -> str:
    """argparse's list of names (``--a, --b`` or ``--a --b`` or ``X``) as a Chinese series."""
    return "、".join(part for part in re.split(r"[,\s]+", text.strip()) if part)


def _choice(name: str, value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1)
    hint = say("cli-arg-did-you-mean", choice=close[0]) if close else ""
    what = "cli-arg-no-command" if name == COMMAND_METAVAR else "cli-arg-invalid-choice"
    return say(what, value=value, option=name, choices="、".join(choices), hint=hint)


def _about_argument(name: str, message: str) -> str:
    if message in ("expected one argument", "expected at most one argument"):
        return say("cli-arg-needs-value", option=name)
    if message == "expected at least one argument" or message.startswith("expected "):
        return say("cli-arg-needs-values", option=name)
    if found := re.fullmatch(r"invalid choice: (.+?) \(choose from (.*)\)", message, re.S):
        return _choice(name, _quoted(found[1])[0], _quoted(found[2]))
    if found := re.fullmatch(r"not allowed with argument (.+)", message):
        return say("cli-arg-not-together", option=name, other=_names(found[1]))
    if found := re.fullmatch(r"invalid \S+ value: (.+)", message):
        return say("cli-arg-bad-value", option=name, value=_quoted(found[1])[0])
    if found := re.fullmatch(r"ignored explicit argument (.+)", message):
        return say("cli-arg-takes-no-value", option=name, value=_quoted(found[1])[0])
    return say("cli-arg-about", option=name, message=message)  # our own sentence (a date, a path)


def usage_error(message: str) -> str:
    """What argparse's English ``message`` says, in Chinese (unknown ones are kept, not lost)."""
    if found := _ARGUMENT.match(message):
        return _about_argument(found["name"], found["message"])
    if found := re.fullmatch(r"the following arguments are required: (.+)", message, re.S):
        names = [name.strip() for name in found[1].split(",")]
        if names == [COMMAND_METAVAR]:
            return say("cli-arg-command-missing")
        return say("cli-arg-required", names="、".join(names))
    if found := re.fullmatch(r"unrecognized arguments: (.+)", message, re.S):
        return say("cli-arg-unknown", arguments=found[1])
    if found := re.fullmatch(r"one of the arguments (.+) is required", message):
        return say("cli-arg-one-of", options=_names(found[1]))
    if found := re.fullmatch(r"ambiguous option: (\S+) could match (.+)", message):
        return say("cli-arg-ambiguous", option=found[1], matches=_names(found[2]))
    return message


class ChineseHelpFormatter(argparse.HelpFormatter):
    """The help's 用法 line in Chinese (its section headings are set on the parser)."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix=say("cli-help-usage") if prefix is None else prefix)


def chinese_help(parser: argparse.ArgumentParser) -> None:
    """The headings and the -h line of ``parser``'s help, in Chinese."""
    parser._positionals.title = say("cli-help-positionals")
    parser._optionals.title = say("cli-help-options")
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = say("cli-help-help")
        elif isinstance(action, argparse._VersionAction):
            action.help = say("cli-help-version")
