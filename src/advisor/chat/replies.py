"""Everything the chat says in its own voice, in one place: plain words, questions by their names.

The conversation (and the chat UI, for the few things only it knows) takes its sentences from
here, so the advisor speaks with one voice and a wording changes in one spot.
"""

from __future__ import annotations

GREETING = (
    "Hi! A few questions and I will suggest where to run your work. Pick an option, press its number, "
    "or just type, e.g. 'I'm a student with no money who needs a GPU for 3 hours'."
)
HELP = (
    "Answer each question by picking an option (click, number key, or arrows and Enter) or by typing in "
    "your own words: '20 dollars a month', 'about 3 hours', 'no GPU'. You can describe your whole "
    "situation in one go. Ask about the services any time ('kaggle gpu limit'); F2 opens the guide. "
    "Escape or 'back' goes back; choose an answer in the side panel (Ctrl+O) to change it; 'why' "
    "explains a question; Ctrl+S saves the decision."
)
NOT_UNDERSTOOD = "Sorry, I did not understand that. "
NEVER_MIND = "Never mind."
KEPT = "Kept your earlier answer."
FIRST_QUESTION = "This is the first question."
WENT_BACK = "Went back one question."
NOTHING_TO_FORGET = "Nothing to forget yet."
ALL_ANSWERED = "All questions are answered; the result below says which answers led there."
RESULT_INTRO = (
    "Here is my recommendation. To change an answer, choose it in the side panel (Ctrl+O shows it) "
    "or press Escape; Ctrl+S saves the decision."
)
NOTHING_TO_SAVE = "There is nothing to record yet: answer a question first, then save."
ASK_OR_RESTART = "You can ask about the services (e.g. 'kaggle gpu limit'), or type 'restart'."
NOT_SURE_IS_FINE = " 'Not sure' is a fine answer: I will weigh every option by how common it is."
WAITING_SESSION = (
    "An unfinished session is waiting. To continue it, quit (Ctrl+Q) and run 'advisor --resume'. "
    "Answering here starts a new one; the old one is kept."
)
NOTHING_RESTORED = "Nothing to restore; starting fresh."
WEB_NO_QUIT = "This chat runs in your browser, so there is nothing to quit: close the tab when you are done."
WEB_RESUMED = "This tab's conversation was kept on the server; it is deleted a day after its last change."


def no_such_option(option_id: str) -> str:
    return f"There is no option '{option_id}' here."


def no_such_number(number: int, count: int) -> str:
    return f"There is no option {number}; choose 1 to {count}."


def unclear(names: str) -> str:
    return f"I am not sure what you meant. Did you mean {names}? Pick one below, or say it another way."


def got(parts: str, notes: list[str], several: bool) -> str:
    text = f"Got it. {parts[:1].upper()}{parts[1:]}." + (f" ({'; '.join(notes)})" if notes else "")
    return text + (" Say 'no, …' to correct any part." if several else "")


def bad_number(problem: str) -> str:
    return f"I cannot use that number: {problem}. "


def changed(prompts: list[str]) -> str:
    return "Changed your answer to: " + ", ".join(prompts)


def dropped(prompts: list[str]) -> str:
    return "These answers no longer apply and were removed: " + ", ".join(f"'{p}'" for p in prompts)


def restored(parts: list[str]) -> str:
    return f"Undid your last change: {', '.join(parts)} again."


def undid(labels: list[str]) -> str:
    return f"Undid: {'; '.join(labels)}." if labels else WENT_BACK


def starting_over(count: int) -> str:
    return f"Starting over. Escape brings your {count} answer(s) back."


def changing(name: str, old: str) -> str:
    return f"Changing your answer about {name} (now '{old}'). Escape keeps it."


def why(reason: str, names: list[str], not_sure: bool) -> str:
    if len(names) >= 2:
        tail = f" Your answer can still change how {', '.join(names[:-1])} and {names[-1]} compare."
    elif names:
        tail = f" Your answer can still change how {names[0]} scores."
    else:
        tail = " With your answers so far it changes little, but it sharpens the explanation."
    return f"Why I ask: {reason}{tail}" + (NOT_SURE_IS_FINE if not_sure else "")


def examples(samples: list[str], words: list[str]) -> str:
    return (
        f"You could answer with a number from the list ({', '.join(samples)}), or words like "
        f"{' or '.join(words)}; 'not sure' is fine too, and 'why' tells you why I ask."
    )


def left_unread(problem: str) -> str:
    return f"One amount was left unread: {problem}."


def not_asked(parts: list[str], because: list[str]) -> str:
    """Answers read from a message whose questions the earlier answers keep from being asked."""
    after = " and ".join(f"'{b}'" for b in because)
    read = "; ".join(f"'{p}'" for p in parts)
    return (
        f"I read that as {read}, but I do not ask about it after your answer {after}, so it does not change the advice."
    )


def welcome_back(count: int) -> str:
    return f"Welcome back: {count} answer(s) restored."


def sent(name: str) -> str:
    return f"Sent {name} to your browser as a download; nothing was saved on the server."


def saved(path: object) -> str:
    return f"Saved the decision to {path}"


SMALL_TALK = {
    "thanks": "You're welcome.",
    "hello": "Hello!",
    "ok": "Good.",
    "bye": "Goodbye! Your answers so far are kept; Ctrl+Q closes advisor.",
}


def small_talk(kind: str, asking: bool) -> str:
    reply = SMALL_TALK.get(kind, "")
    return reply + (" Here is where we were:" if asking else " Ask about the services, or say 'restart'.")


def hardware_facts(facts: list[str]) -> str:
    listed = "".join(f"\n• {fact}" for fact in facts)
    return (
        f"What each service gives, from its facts:{listed}\nSpeed depends on the card you get: a T4 is the "
        "slowest of these, an L4 faster, an A100 or H100 much faster."
    )


def costs_so_far(hours: float, machine: str, figures: str, assumed: str) -> str:
    return (
        f"For your use as described so far, about {hours:g} hours a week on {machine}, a month costs: "
        f"{figures}{assumed}. The result shows the working and the sources."
    )
