"""The one exception that stops a command: it carries a plain Chinese sentence for the user."""


class CannotRun(Exception):
    """The command could not run (bad file, bad argument); ``str(error)`` is shown as it is, exit code 2."""
