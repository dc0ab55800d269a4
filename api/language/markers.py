"""Markers that declare a translatable message in source code without translating it.

``pybabel extract`` finds them through the keywords in ``locales/babel.cfg``'s Makefile call
(``N_:1c,2`` and ``NP_:1c,2,3``); at run time the api looks messages up by their context in
the loaded catalog, so these functions only hand back the English source text.
"""


def N_(context: str, message: str) -> str:
    return message


def NP_(context: str, singular: str, plural: str) -> tuple[str, str]:
    return singular, plural
