"""Running an action: one Chinese sentence for the clerk on failure, the details (IDs masked) in the log."""

from __future__ import annotations

import datetime as dt

from qzxl.catalogue import say
from qzxl.errors import CannotRun
from qzxl.log import LOGGER, setup_logging
from udfs.port import WorkbookPort
from udfs.registry import BY_ID


def run_action(action_id: str, port: WorkbookPort, today: dt.date | None = None) -> bool:
    """True when the action ran; False when it stopped with a message to the clerk."""
    action = BY_ID.get(action_id)
    if action is None:
        port.alert(say("button-unknown", action=action_id))
        return False
    try:
        action.function(port, today)
    except CannotRun as stop:
        port.set_status(None)
        port.alert(str(stop))
        return False
    except Exception:
        path = setup_logging()
        LOGGER.exception("action %s failed on %s", action_id, port.path.name)
        port.set_status(None)
        port.alert(say("button-failed", label=action.label, log=path))
        return False
    return True
