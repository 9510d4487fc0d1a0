"""/help /privacy /mydata /delete /stop /language, typed or tapped."""

from __future__ import annotations

from bot.catalogue import available_languages, load_catalogue
from bot.matcher import Command
from bot.replies import Button
from bot.state import ConvData
from bot.turn import Turn
from consent.domain import Scope
from consent.service import describe_participant, erase_participant, set_profile, withdraw_consent
from feedback_api.escalations.contact import has_safety_record


def run_command(turn: Turn, command: Command, arg: str | None = None) -> None:
    from bot.flows.onboarding import start  # onboarding imports this module too

    handlers = {
        Command.HELP: help_command,
        Command.PRIVACY: privacy,
        Command.MYDATA: mydata,
        Command.DELETE: ask_delete,
        Command.STOP: stop,
        Command.LANGUAGE: choose_language,
    }
    if command is Command.START:
        start(turn, arg)
    else:
        handlers[command](turn)


def help_command(turn: Turn) -> None:
    turn.say("help")


def privacy(turn: Turn) -> None:
    turn.say("privacy")


def _has_safety_record(turn: Turn) -> bool:
    return has_safety_record(turn.session, participant_key=turn.participant_key)


def _say_safety_record(turn: Turn, key: str) -> None:
    """Safety records outlive /delete (safety first, as the consent statement says): say so."""
    turn.say(key, **turn.help_values())


def mydata(turn: Turn) -> None:
    participant = turn.participant()
    safety = _has_safety_record(turn)
    if participant is None:
        turn.say("mydata_no_views" if safety else "mydata_none")
        if safety:
            _say_safety_record(turn, "mydata_safety")
        return
    held = describe_participant(turn.session, participant=participant)
    scopes = ", ".join(turn.text(f"scope_{s.value}") for s in Scope if s in held.scopes)
    turn.say(
        "mydata",
        audience=turn.text(f"audience_{held.audience or 'unknown'}"),
        age_band=(held.age_band or "?").replace("_", "–").replace("under–13", "<13"),
        language=load_catalogue(held.language).name,
        scopes=scopes or turn.text("scope_none"),
        responses=held.responses,
        first_seen=f"{held.first_seen:%Y-%m-%d}",
    )
    if safety:
        _say_safety_record(turn, "mydata_safety")


def ask_delete(turn: Turn) -> None:
    safety = _has_safety_record(turn)
    if turn.conv.state is None and turn.participant() is None:
        turn.say("mydata_no_views" if safety else "mydata_none")
        if safety:
            _say_safety_record(turn, "mydata_safety")
        return
    if safety:
        _say_safety_record(turn, "delete_keeps_safety")
    turn.conv.data.pending_delete = True
    turn.say("confirm_delete", [("btn_delete_yes", "delete:yes"), ("btn_delete_no", "delete:no")])


def confirm_delete(turn: Turn, yes: bool) -> None:
    turn.conv.data.pending_delete = False
    if not yes:
        turn.say("delete_cancelled")
        return
    participant = turn.participant()
    count = 0
    if participant is not None:
        count = erase_participant(turn.session, participant=participant).responses_deleted
    language = turn.conv.data.language
    turn.conv.forget = True
    turn.conv.data = ConvData(language=language)
    if _has_safety_record(turn):
        turn.say("deleted_except_safety", responses=count, **turn.help_values())
    else:
        turn.say("deleted", responses=count)


def stop(turn: Turn) -> None:
    participant = turn.participant()
    if participant is not None:
        withdraw_consent(turn.session, participant=participant)
    turn.conv.forget = True
    turn.say("stop_goodbye")
    if _has_safety_record(turn):
        _say_safety_record(turn, "delete_keeps_safety")


def choose_language(turn: Turn) -> None:
    row = tuple(Button(load_catalogue(code).name, f"lang:{code}") for code in available_languages())
    turn.say_raw(turn.text("choose_language"), (row,))


def set_language(turn: Turn, code: str) -> None:
    if code not in available_languages():
        return
    turn.conv.data.language = code
    participant = turn.participant()
    if participant is not None:
        set_profile(turn.session, participant=participant, language=code)
    turn.say("language_set")
    if turn.conv.state is None:
        from bot.flows.onboarding import start

        start(turn, None)
