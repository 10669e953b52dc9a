"""Drafts the browser may forget once their entries are stored (the drafts live in assets/drafts.js).

The server sends no script (the CSP forbids eval): a stored entry leaves a receipt here, the page
shows the receipts in a data attribute (components/drafts.py), and drafts.js forgets each draft
named in a receipt it has not seen before.
"""

from __future__ import annotations

import secrets

import reflex as rx

from resilience_app.state.auth import private_state

# Enough that none is missed when several updates reach the page in one render.
RECEIPTS_KEPT = 8


@private_state
class DraftState(rx.State):
    # Space-separated "<receipt id>/<draft name>:<username>", newest last.
    receipts: str = ""


async def forget_drafts(state: rx.State, username: str, *names: str) -> None:
    """From a handler that has just stored an entry: its drafts, under `names`, can go."""
    drafts = await state.get_state(DraftState)
    new = [f"{secrets.token_hex(6)}/{name}:{username}" for name in names]
    drafts.receipts = " ".join([*drafts.receipts.split(), *new][-RECEIPTS_KEPT:])
