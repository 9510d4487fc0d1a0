"""Route one inbound update to the right flow. Safety replies are added before this runs."""

from __future__ import annotations

from bot.flows.commands import confirm_delete, run_command, set_language
from bot.flows.onboarding import onboarding_callback, onboarding_text, start
from bot.flows.questions import add_more, answer_question, edit_answer
from bot.flows.safety import answer_contact, typed_contact_answer
from bot.inbound import Kind
from bot.matcher import Command, match_command, match_language, match_yes_no
from bot.state import State
from bot.turn import Turn

# NLU intents that mean a command when someone types them in words.
INTENT_COMMANDS = {
    "ask_help": Command.HELP,
    "ask_privacy": Command.PRIVACY,
    "ask_what_happens_next": Command.PRIVACY,
    "delete_data": Command.DELETE,
    "withdraw_consent": Command.STOP,
    "stop": Command.STOP,
    "change_language": Command.LANGUAGE,
}
# While answering questions, free text is an answer: only the matcher's whole-message phrases
# count as commands there, never a model's guess.
ANSWERING = (State.QUESTIONS, State.DONE)


def run_turn(turn: Turn) -> None:
    inbound = turn.inbound
    if not inbound.private:
        group_turn(turn)
    elif inbound.kind is Kind.CALLBACK:
        callback_turn(turn, inbound.callback_data or "")
    elif inbound.kind is Kind.MEDIA:
        turn.say("only_text")
        if inbound.media == "voice":
            turn.say("voice_help")
    elif inbound.kind is Kind.TEXT and inbound.forwarded:
        turn.say("forwarded")
    elif inbound.kind is Kind.TEXT:
        text_turn(turn, inbound.text or "")
    elif inbound.kind is Kind.EDITED:
        edit_answer(turn, inbound.text or "")
    # Joins and service messages: the screen has run; nothing else to do.


def group_turn(turn: Turn) -> None:
    """Groups: collect nothing; ask once (per group) to message privately."""
    if turn.inbound.kind is Kind.BOT_REMOVED:
        turn.conv.forget = True
        return
    if turn.inbound.kind in (Kind.BOT_ADDED, Kind.TEXT) and turn.conv.state is None:
        turn.conv.state = State.GROUP_NOTIFIED
        turn.say("group_private")


def _command_for(turn: Turn, text: str) -> tuple[Command, str | None] | None:
    slash = turn.inbound.command
    if slash is not None:
        name, arg = slash
        try:
            return Command(name), arg
        except ValueError:
            return Command.HELP, None  # an unknown /command: show what we can do
    typed = match_command(text)
    if typed is not None:
        return typed, None
    if turn.conv.state not in ANSWERING and turn.intent in INTENT_COMMANDS:
        return INTENT_COMMANDS[turn.intent], None
    return None


def text_turn(turn: Turn, text: str) -> None:
    command = _command_for(turn, text)
    if command is not None:
        turn.conv.data.pending_delete = False
        run_command(turn, *command)
        return
    if turn.conv.data.pending_delete:
        yes = match_yes_no(text)
        if yes is not None:
            confirm_delete(turn, yes)
            return
        turn.conv.data.pending_delete = False
    if typed_contact_answer(turn, text):
        return
    if turn.urgent:
        return  # the help has been given; their words go to a worker, not into a campaign
    state = turn.conv.state
    if state is None:
        start(turn, None)
    elif onboarding_text(turn, text):
        return
    elif state is State.QUESTIONS:
        answer_question(turn, text)
    elif state is State.DONE:
        add_more(turn, text)
    elif (code := match_language(text)) is not None:
        set_language(turn, code)
    else:
        turn.say("not_keeping")


def callback_turn(turn: Turn, data: str) -> None:
    prefix, _, value = data.partition(":")
    if prefix == "delete" and turn.conv.data.pending_delete:
        confirm_delete(turn, value == "yes")
    elif prefix == "contact":
        answer_contact(turn, value == "yes", via="button")
    elif prefix == "lang":
        set_language(turn, value)
    elif turn.conv.state is None:
        start(turn, None)
    else:
        onboarding_callback(turn, prefix, value)
