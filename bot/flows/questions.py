"""The campaign's questions, one at a time; answers become responses of the consent core."""

from __future__ import annotations

from sqlalchemy import select

from bot.campaigns import load_campaign
from bot.state import ConvData, State
from bot.turn import Turn
from consent.models import Response
from consent.service import NoConsent, consent_state, record_response

EXTRA_QUESTION = "more"  # words added after the last question


def begin_questions(turn: Turn) -> None:
    campaign = load_campaign(turn.conv.data.campaign)
    turn.conv.data.campaign = campaign.id
    turn.conv.data.question = 0
    turn.conv.state = State.QUESTIONS
    turn.say("campaign_intro", intro=campaign.intro_in(turn.language))
    _ask(turn)


def _ask(turn: Turn) -> None:
    campaign = load_campaign(turn.conv.data.campaign)
    question = campaign.questions[turn.conv.data.question]
    turn.say("question", question=question.in_language(turn.language))


def _store(turn: Turn, question_id: str, text: str) -> bool:
    participant = turn.participant()
    if participant is None:
        return False
    try:
        record_response(
            turn.session,
            participant=participant,
            campaign=turn.conv.data.campaign or load_campaign(None).id,
            question=question_id,
            text=text,
            source_ref=_source_ref(turn),
        )
    except NoConsent:
        return False
    return True


def _source_ref(turn: Turn) -> str:
    # The message number lets a later edit find this answer; it is per chat, not an id.
    ref = f"tg:{turn.inbound.update_id}"
    message_id = turn.inbound.message_id
    return ref if message_id is None else f"{ref}:m{message_id}"


def _not_keeping(turn: Turn) -> None:
    turn.conv.data = ConvData(language=turn.language)
    turn.conv.state = State.NOT_KEEPING
    turn.say("not_keeping")


def answer_question(turn: Turn, text: str) -> None:
    campaign = load_campaign(turn.conv.data.campaign)
    index = min(turn.conv.data.question, len(campaign.questions) - 1)
    if not _store(turn, campaign.questions[index].id, text):
        _not_keeping(turn)
        return
    if index + 1 < len(campaign.questions):
        turn.conv.data.question = index + 1
        _ask(turn)
        return
    turn.conv.state = State.DONE
    turn.say("campaign_done")


def add_more(turn: Turn, text: str) -> None:
    if not _store(turn, EXTRA_QUESTION, text):
        _not_keeping(turn)
        return
    turn.say("added_more")


def edit_answer(turn: Turn, text: str) -> None:
    """An edited message that was stored as an answer: the stored answer follows the edit.

    Stored as on ingest (the raw words; every read redacts them). Urgent words are never put
    into a campaign, as on ingest: the help has been given and the edit went to a worker.
    """
    if turn.urgent or not text or turn.inbound.message_id is None:
        return
    participant = turn.participant()
    if (
        participant is None
        or not consent_state(turn.session, participant=participant).may_keep_views
    ):
        if turn.conv.state in (None, State.NOT_KEEPING):
            turn.say("edit_not_kept")
        return
    answer = turn.session.scalar(
        select(Response).where(
            Response.participant_id == participant.id,
            Response.source_ref.like(f"tg:%:m{turn.inbound.message_id}"),
        )
    )
    if answer is None:
        return  # the edited message was not an answer (a typed button choice, a command)
    if answer.text is None:
        turn.say("edit_gone")  # its text has been removed under the retention rule
        return
    answer.text = text
    turn.say("edit_updated")
