"""What must hold before a plaque is printed or recorded: a plaque is on a wall for years.

``diachido plaques`` asks ``check_printable`` before it draws anything:

- every id on a plaque is in ``sites/_ids.txt``. A printed id missing from the ledger
  could be handed out again, and ``check`` then cannot tell which site it belongs to;
  the volunteer gets the exact line to append, which is still possible before printing.
- ``--record`` only with a real ``site_url``: URLs recorded under the shipped example
  address would tie the register to a host the project does not own. The detection is
  ``ProjectConfig.site_url_is_example``, the one the build's warning uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from ..records.ids import LedgerError, read_ledger
from .errors import PlaqueError

if TYPE_CHECKING:
    from ..config import ProjectConfig


def check_printable(config: "ProjectConfig", records: Iterable[Any], recording: bool) -> None:
    """Raise PlaqueError unless plaques of ``records`` (objects with ``id`` and ``slug``) may be
    printed, and, if ``recording``, recorded in the register.

    Codes: ``plaques.example_site_url`` (recording under the example site_url),
    ``plaques.unledgered`` (ids not in the ledger; ``lines`` holds the lines to add),
    or the ledger's own code when it cannot be read.
    """
    if recording and config.site_url_is_example:
        raise PlaqueError("plaques.example_site_url", site_url=config.site_url)
    try:
        ledger = read_ledger(config)
    except LedgerError as exc:
        raise PlaqueError(exc.diagnostic.code, **exc.diagnostic.params) from None
    missing = [record for record in records if record.id not in ledger.entries]
    if missing:
        lines = "\n".join(f"{record.id} {record.slug}" for record in missing)
        raise PlaqueError("plaques.unledgered", ledger=str(ledger.path), lines=lines)
