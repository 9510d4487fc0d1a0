"""After an urgent message: offer that a worker can message them here, and record the answer.

The answer (a button, or a typed yes or no) goes on the person's open escalation, so the worker
can see whether they may message; the escalation service refuses worker replies after a "no".
"""

from __future__ import annotations

import re

from bot.matcher import match_yes_no, normalise
from bot.turn import Turn
from feedback_api.escalations.contact import (
    ContactStatus,
    awaiting_answer,
    contact_status,
    offer_contact,
    record_contact_answer,
)
from feedback_api.escalations.models import Escalation
from feedback_api.escalations.service import open_thread_for

CONTACT_ROW = [("btn_contact_yes", "contact:yes"), ("btn_contact_no", "contact:no")]
# Whole-message answers to this question that the general yes/no matcher does not know.
_CONTACT_YES = (
    r"(yes,? )?(they|you) can( message me)?",
    r"(yes,? )?(please )?message me( here)?",
    r"(tak,? )?(moga|mozecie)( pisac| napisac)?",
    r"(tak,? )?(prosze )?napiszcie( do mnie)?",
)
_CONTACT_NO = (
    r"(no,? )?(please )?(don'?t|do not)( message me)?( please)?",
    r"no,? (they|you) can'?t",
    r"(nie,? )?(prosze )?nie (piszcie|pisac)( do mnie)?",
)


def _open_thread(turn: Turn) -> Escalation | None:
    return open_thread_for(turn.session, participant_key=turn.participant_key)


def offer_worker_contact(turn: Turn) -> None:
    """Ask whether a worker may message them here (private chats; not again after a yes)."""
    thread = _open_thread(turn)
    if not turn.inbound.private or thread is None or contact_status(thread) is ContactStatus.YES:
        turn.say("urgent_ask_safe")
        return
    offer_contact(thread)
    turn.conv.data.pending_contact = True
    turn.say("urgent_offer_contact", CONTACT_ROW)


def answer_contact(turn: Turn, allowed: bool, via: str) -> None:
    turn.conv.data.pending_contact = False
    thread = _open_thread(turn)
    if thread is None:
        turn.say("contact_no_thread")
        return
    record_contact_answer(turn.session, escalation=thread, allowed=allowed, via=via)
    turn.say("contact_yes" if allowed else "contact_no")


def match_contact_answer(text: str) -> bool | None:
    """Typed words that clearly answer the offer; a bare "no" is not one (see below)."""
    words = normalise(text)
    if any(re.fullmatch(p, words) for p in _CONTACT_YES):
        return True
    if any(re.fullmatch(p, words) for p in _CONTACT_NO):
        return False
    # A bare "yes" may mean "yes, I'm safe": reading it as "they may message me" errs towards
    # a person. No NLU guess either: "fine thanks" is not permission.
    return True if match_yes_no(text) is True else None


def typed_contact_answer(turn: Turn, text: str) -> bool:
    """True if these typed words answered our offer (only the message right after it counts).

    With no conversation kept (a first message that was urgent), a yes or no still answers an
    offer nobody has answered yet.
    """
    if turn.urgent:
        return False  # the offer was (re)made this very turn
    pending = turn.conv.data.pending_contact
    turn.conv.data.pending_contact = False
    if not (pending or turn.conv.state is None):
        return False
    allowed = match_contact_answer(text)
    bare_no = allowed is None and match_yes_no(text) is False
    if allowed is None and not bare_no:
        return False
    thread = _open_thread(turn)
    if thread is None or not awaiting_answer(thread):
        return False
    if bare_no:
        # "No" may answer "are you safe right now?": never record it as a refusal; ask again.
        turn.conv.data.pending_contact = True
        turn.say("contact_check", CONTACT_ROW)
        return True
    answer_contact(turn, bool(allowed), via="words")
    return True
