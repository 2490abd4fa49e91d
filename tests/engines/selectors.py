"""Every selector the three-engine scenario relies on, in one place (adapt here after a UI change).

Only markers that are the checklist's contract (overrides/crm/checklist.html) and Material's own
header and search markup.
"""

from __future__ import annotations

ROOT_READY = "[data-crm-root][data-crm-ready]"
SHARE = "[data-crm-action=share]"
DIALOG_OPEN = "[data-crm-dialog][open]"
# The dialog's first button is its main action (Load, for a share link); the last one closes it.
DIALOG_MAIN = "[data-crm-dialog][open] [data-crm-dialog-actions] button:first-child"
DIALOG_CLOSE = "[data-crm-dialog][open] [data-crm-dialog-actions] button:last-child"
# What checklist/components/persist.mjs says about the browser keeping the answers (once there
# are some).
PERSIST_STATUS = "[data-crm-persist-status]"
SEARCH_RESULT = ".md-search-result__item"
LANGUAGE_BUTTON = ".md-header .md-select button"
LANGUAGE_LINK = "a.md-select__link[hreflang={lang}]"


def item(item_id: str) -> str:
    return f'li[data-item="{item_id}"]'


def box(item_id: str) -> str:
    """An item's "done" checkbox."""
    return f"{item(item_id)} input[data-crm-box]"


def not_applicable(item_id: str) -> str:
    return f"{item(item_id)} input[data-crm-na]"


def note_toggle(item_id: str) -> str:
    return f"{item(item_id)} [data-crm-note-toggle]"


def note(item_id: str) -> str:
    return f"{item(item_id)} textarea[data-crm-note]"
