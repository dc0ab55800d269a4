"""Exceptions raised inside the api.

    AssistantError
    ├── BotError                 the Rasa hop failed; the family still gets a localized reply
    │   ├── BotUnavailable       connection refused, reset, DNS
    │   ├── BotTimeout           no answer inside the api's own budget
    │   └── BotBadResponse       non-2xx, malformed JSON, wrong shape, or an empty list
    ├── ContentError             a catalog, district file or topic table is inconsistent;
    │                            raised at start-up so a broken deployment never serves
    ├── StoreError               the api's database cannot be used as it is (e.g. a schema
    │                            that predates migrations); raised at start-up
    └── ConsoleError             a staff action in the review console that cannot be done;
        │                        shown to the staff member as a message, never a 500
        ├── LoginThrottled       too many failed logins for this name in the window
        ├── InvalidCredentials   wrong name or password (never says which)
        └── InvalidExample       a training example that would break or confuse the model

Nothing here is shown to a client as-is: channels turn BotError into a friendly reply and a
queued question, and ContentError stops the process before it accepts traffic.
"""


class AssistantError(Exception):
    pass


class BotError(AssistantError):
    reason = "bot_unavailable"


class BotUnavailable(BotError):
    pass


class BotTimeout(BotError):
    pass


class BotBadResponse(BotError):
    pass


class ContentError(AssistantError):
    pass


class StoreError(AssistantError):
    pass


class ConsoleError(AssistantError):
    pass


class LoginThrottled(ConsoleError):
    pass


class InvalidCredentials(ConsoleError):
    pass


class InvalidExample(ConsoleError):
    pass
