"""Running an action: one Chinese sentence for the clerk on failure, the details (IDs masked) in the log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

from qzxl.catalogue import say
from qzxl.errors import CannotRun
from qzxl.log import LOGGER, setup_logging
from udfs.port import WorkbookPort
from udfs.registry import BY_ID

# Stops whose sentence names a command-line option that a button (or ``qzxl action``) does not have, and what
# the action says instead: a button's words name buttons, cells and files.
ACTION_WORDS = MappingProxyType({"run-export-out-is-file": "button-export-out-is-file",
                                 "run-fix-out-not-writable": "button-fix-out-not-writable"})


def run_action(action_id: str, port: WorkbookPort, today: dt.date | None = None, *,
               words: Mapping[str, str] = ACTION_WORDS) -> bool:
    """True when the action ran; False when it stopped with a message to the clerk (in ``words`` where listed)."""
    action = BY_ID.get(action_id)
    if action is None:
        port.alert(say("button-unknown", action=action_id))
        return False
    try:
        action.function(port, today)
    except CannotRun as stop:
        port.set_status(None)
        port.alert(say(words[stop.code], **stop.params) if stop.code in words else str(stop))
        return False
    except Exception:
        path = setup_logging()
        LOGGER.exception("action %s failed on %s", action_id, port.path.name)
        port.set_status(None)
        port.alert(say("button-failed", label=action.label, log=path))
        return False
    return True
