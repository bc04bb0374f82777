"""Person names inside noun phrases: guessing them and deriving the short forms used later."""

from __future__ import annotations

import re

from ._model import Mention
from ._text import fold, wordset

PARTICLES = wordset(
    "de du des d le la van von der den al el ben bin ibn abou abu ould da di dos das bint ter"
)
# Capitalised words that open or qualify a noun phrase but are not names.
NOT_NAMES = wordset(
    """m mme mlle mm dr pr me mgr le la les l un une des son sa ses leur leurs ce cet cette
    monsieur madame president presidente premier premiere ministre chef general colonel capitaine
    commandant lieutenant marechal sergent cheikh emir roi reine prince princesse sultan ayatollah
    affaires etrangeres defense interieur justice economie finances sante energie commerce armees
    europe etat etats securite travail culture agriculture information communication transition
    nationale national public publique budget refugies diplomatie gouvernement republique parlement
    assemblee senat conseil mr mrs ms sir lord"""
)
_WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:[-'’][^\W\d_][^\W_]*)*")


def _is_name_word(word: str) -> bool:
    return word[0].isupper() and fold(word).replace("’", "'") not in NOT_NAMES


def guess_persons(phrase: str, mentions: list[Mention]) -> list[str]:
    """Runs of capitalised words not covered by a lexicon mention ("le général iranien Qassem Soleimani")."""
    covered = [(m.start, m.end) for m in mentions if m.actor.kind != "person"]
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for m in _WORD_RE.finditer(phrase):
        word = m.group()
        inside = any(s <= m.start() < e for s, e in covered)
        if not inside and _is_name_word(word):
            current.append(m)
        elif current and not inside and fold(word) in PARTICLES and word.islower():
            current.append(m)  # "Jean-Yves Le Drian", "Bachar al-Assad"
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    names = []
    for run in runs:
        while run and run[-1].group().islower():
            run.pop()  # a trailing particle belongs to what follows
        if not run:
            continue
        at_start = not phrase[: run[0].start()].strip()
        if at_start and len(run) < 2:
            continue  # a lone capitalised first word is usually just sentence case
        names.append(phrase[run[0].start() : run[-1].end()])
    return names


def short_forms(name: str) -> list[str]:
    """Ways a person is referred to after the first mention: full name and surname."""
    parts = name.split()
    forms = [name]
    if len(parts) < 2:
        return forms
    surname = parts[-1]
    if len(parts) >= 3 and fold(parts[-2]) in PARTICLES:
        surname = f"{parts[-2]} {parts[-1]}"  # "Le Drian", "de Villepin"
    forms.append(surname)
    korean = len(parts[0]) <= 3 and "-" in parts[-1]  # "Kim Jong-un" -> "Kim"
    chinese = len(parts) == 2 and len(parts[0]) <= 2  # "Xi Jinping" -> "M. Xi"
    if korean or chinese:
        forms.append(parts[0])
    return forms
