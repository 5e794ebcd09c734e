"""The editorial rules, beyond the integrity checks (the seeds guide states them): the
tightest quote, a repeated quote with its context, a note on every reading.  `build`
reports them as warnings (errors with ``--strict``); the bundled data passes them."""

from __future__ import annotations

import datetime as dt
import re

from .errors import Problem, json_path
from .loading import walk
from .models import Catalog

__all__ = ["problems"]

_LOOSE_START = ("the ", "a ", "an ", "of ", "in ", "on ", "at ", "was ", "and ", "On ")
_LOOSE_END = (",", ";", ":", " ")
_PRONOUNS = frozenset(
    ["she", "he", "they", "it", "its", "their", "her", "his", "this", "these", "those"]
)


def _names(words: str, quotes: list[str]) -> bool:
    """Whether the quotes name a role's words, by their first five letters.

    Examples:
        >>> _names("co_organizer", ["co-organized by"]), _names("host", ["hosted by"])
        (True, True)
        >>> _names("speaker", ["offered her perspectives"])
        False
    """
    said = [w for q in quotes for w in re.findall(r"\w+", q.lower())]
    wanted = [w[:5] for w in words.split("_") if len(w) > 2]
    return all(any(s.startswith(w) for s in said) for w in wanted)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _states(day: dt.date, quotes: list[str]) -> bool:
    """Whether the quotes give ``day`` whole: its year, its month (by name or number)
    and its day, as words (a full date the text gives only in part is a reading).

    Examples:
        >>> day = dt.date(2023, 7, 14)
        >>> _states(day, ["14 July 2023"]), _states(day, ["2023-07-14"]), _states(day, ["July"])
        (True, True, False)
        >>> _states(dt.date(2011, 1, 1), ["signed in 2011"]), _states(day, ["14th of Jul. 2023"])
        (False, True)
    """
    words = {
        w.lstrip("0") if w.isdigit() else w.lower()[:3]
        for q in quotes
        for w in re.findall(r"\d+|[^\W\d_]+", q)  # "5th" is 5 and th
    }
    month = {_MONTHS[day.month - 1], str(day.month)}
    return {str(day.year), str(day.day)} <= words and bool(month & words)


def problems(catalog: Catalog) -> list[Problem]:
    """Every breach of the editorial rules in ``catalog``, at its JSON path.

    Examples:
        >>> import aseanplus3_events as apt
        >>> problems(apt.default_dataset().catalog)
        []
    """
    texts = {s.id: s.text for s in catalog.sources}
    found = []
    for loc, record in walk(catalog):
        path, evidence = json_path(loc), getattr(record, "evidence", ())
        for j, ev in enumerate(evidence):
            here, quote = f"{path}.evidence[{j}].quote", ev.quote
            if quote.startswith(_LOOSE_START) or quote.endswith(_LOOSE_END) or quote[0] == " ":
                found.append(Problem(here, f"{quote!r} is not the tightest quote: drop the "
                                     "small word, space or punctuation at its ends"))  # fmt: skip
            if quote.count("“") != quote.count("”"):
                found.append(Problem(here, f"{quote!r} opens a quotation it does not close"))
            text = texts.get(ev.source_id) or ""
            if text.count(quote) > 1 and not (ev.prefix or ev.suffix):
                found.append(Problem(here, "found more than once, with no prefix or suffix"))
        if getattr(record, "note", None):
            continue
        quotes = [ev.quote for ev in evidence]
        if any(q.split(" ", 1)[0].lower().strip(",") in _PRONOUNS for q in quotes):
            found.append(Problem(f"{path}.note", "a quote starts with a pronoun: say in a "
                                 "note who or what it is"))  # fmt: skip
        for field in (f for f in getattr(record, "fact_fields", ()) if "." not in f):
            day = getattr(record, field)
            said = [ev.quote for ev in evidence if field in ev.fields]
            if isinstance(day, dt.date) and said and not _states(day, said):
                found.append(Problem(f"{path}.{field}", "its quotes do not give its day, "
                                     "month and year: quote the rest, or say in a note "
                                     "that it is a reading"))  # fmt: skip
        role = getattr(record, "role", None)
        said = [ev.quote for ev in evidence if "role" in ev.fields]
        if role is not None and said and not _names(role.value, said):
            found.append(Problem(f"{path}.note", f"no quote names the role {role.value!r}: "
                                 "say in a note that it is a reading"))  # fmt: skip
    return found
