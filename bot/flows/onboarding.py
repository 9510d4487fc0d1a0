"""Who we are → young person or parent/carer → age band → consent (and optional scopes).

Nothing is stored as a participant until the person says yes: audience and age band wait in the
conversation record, and an under-13 or a "no" leaves only a not-keeping state behind.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.campaigns import load_campaign, valid_payload
from bot.flows.questions import begin_questions
from bot.matcher import match_age_band, match_audience, match_yes_no
from bot.state import ConvData, State
from bot.turn import Turn
from consent.domain import AgeBand, Audience, Scope, statement_audience
from consent.service import get_or_create_participant, grant_consent, set_profile
from consent.statements import statement_for

YES_NO = [("btn_yes", "{prefix}:yes"), ("btn_no", "{prefix}:no")]
AGE_ROWS = [
    [("btn_under_13", "age:under_13"), ("btn_13_15", "age:13_15")],
    [("btn_16_17", "age:16_17"), ("btn_18_25", "age:18_25")],
]


def _yes_no(prefix: str) -> list[tuple[str, str]]:
    return [(label, data.format(prefix=prefix)) for label, data in YES_NO]


def start(turn: Turn, payload: str | None) -> None:
    campaign = load_campaign(valid_payload(payload)).id
    turn.conv.data = ConvData(language=turn.language, campaign=campaign)
    turn.conv.forget = False
    turn.say("welcome_who")
    turn.say("welcome_words")
    turn.say("welcome_help")
    ask_audience(turn)


def ask_audience(turn: Turn) -> None:
    turn.conv.state = State.AUDIENCE
    turn.say(
        "ask_audience",
        [("btn_young_person", "aud:young_person"), ("btn_parent_carer", "aud:parent_carer")],
    )


def choose_audience(turn: Turn, audience: str) -> None:
    turn.conv.data.audience = Audience(audience).value
    if audience == Audience.PARENT_CARER:
        turn.conv.data.age_band = AgeBand.ADULT.value
        ask_consent(turn)
        return
    turn.conv.state = State.AGE
    turn.say("ask_age", *AGE_ROWS)


def choose_age(turn: Turn, band: str) -> None:
    if band == AgeBand.UNDER_13:
        # Keep nothing, not even the age: the state only says "don't keep", the screen still runs.
        turn.conv.data = ConvData(language=turn.language)
        turn.conv.state = State.NOT_KEEPING
        turn.say("under_13")
        turn.say("help")
        return
    turn.conv.data.age_band = AgeBand(band).value
    ask_consent(turn)


def ask_consent(turn: Turn) -> None:
    data = turn.conv.data
    band = AgeBand(data.age_band) if data.age_band else None
    audience = Audience(data.audience or Audience.YOUNG_PERSON)
    statement = statement_for(statement_audience(audience, band), turn.language)
    turn.say("consent_statement", statement=statement.text)
    turn.conv.state = State.CONSENT
    turn.say("ask_consent", [("btn_yes_keep", "consent:yes"), ("btn_no_thanks", "consent:no")])


def answer_consent(turn: Turn, yes: bool) -> None:
    if not yes:
        turn.conv.data = ConvData(language=turn.language)
        turn.conv.state = State.NOT_KEEPING
        turn.say("consent_declined")
        return
    turn.conv.state = State.QUOTE
    turn.say("ask_quote", _yes_no("quote"))


def answer_quote(turn: Turn, yes: bool) -> None:
    turn.conv.data.quote = yes
    turn.conv.state = State.FOLLOW_UP
    turn.say("ask_follow_up", _yes_no("follow"))


def answer_follow_up(turn: Turn, yes: bool) -> None:
    data = turn.conv.data
    data.follow_up = yes
    participant = get_or_create_participant(
        turn.session, key=turn.participant_key, language=turn.language
    )
    set_profile(
        turn.session,
        participant=participant,
        audience=Audience(data.audience or Audience.YOUNG_PERSON),
        age_band=AgeBand(data.age_band) if data.age_band else None,
        language=turn.language,
    )
    scopes = {Scope.KEEP_VIEWS}
    if data.quote:
        scopes.add(Scope.QUOTE)
    if data.follow_up:
        scopes.add(Scope.FOLLOW_UP)
    grant_consent(turn.session, participant=participant, scopes=scopes)
    turn.say("consent_thanks")
    begin_questions(turn)


_YES_NO_STEPS = {
    State.CONSENT: answer_consent,
    State.QUOTE: answer_quote,
    State.FOLLOW_UP: answer_follow_up,
}
_CALLBACK_STATES = {"consent": State.CONSENT, "quote": State.QUOTE, "follow": State.FOLLOW_UP}


def onboarding_text(turn: Turn, text: str) -> bool:
    """Typed answers at a button question; False if this state is not an onboarding step."""
    state = turn.conv.state
    if state is State.AUDIENCE:
        audience = match_audience(text)
        _or_ask_again(turn, audience, lambda: choose_audience(turn, audience or ""))
    elif state is State.AGE:
        band = match_age_band(text)
        _or_ask_again(turn, band, lambda: choose_age(turn, band or ""))
    elif state in _YES_NO_STEPS:
        yes = match_yes_no(text)
        if yes is None and turn.intent in ("affirm", "deny"):
            yes = turn.intent == "affirm"
        step = _YES_NO_STEPS[state]
        _or_ask_again(turn, yes, lambda: step(turn, bool(yes)))
    else:
        return False
    return True


def _or_ask_again(turn: Turn, value: object, act: Callable[[], None]) -> None:
    if value is None:
        turn.say("tap_a_button")
        return
    act()


def onboarding_callback(turn: Turn, prefix: str, value: str) -> bool:
    """A tapped button; stale buttons from an earlier step are ignored (False)."""
    state = turn.conv.state
    if prefix == "aud" and state is State.AUDIENCE and value in set(Audience):
        choose_audience(turn, value)
    elif prefix == "age" and state is State.AGE and value in set(AgeBand):
        choose_age(turn, value)
    elif prefix in _CALLBACK_STATES and state is _CALLBACK_STATES[prefix]:
        _YES_NO_STEPS[_CALLBACK_STATES[prefix]](turn, value == "yes")
    else:
        return False
    return True
