"""Helpers over spaCy's dependency parse (Universal Dependencies labels, French)."""

from __future__ import annotations

from spacy.tokens import Token

# "CE communiqué", "CETTE source": determiners that point back to something already named.
DEMONSTRATIVES = frozenset({"ce", "cet", "cette", "ces"})
# The conjunction "que" in its written forms.
QUE = frozenset({"que", "qu'", "qu’"})

# Contracted prepositions carry the article: "au" = à + le, "du" = de + le.
_PREP_NORMAL = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "d’": "de", "par": "par"}

# Dependents that start another clause or another phrase: not part of a noun phrase's words.
_CLAUSAL = {
    "acl", "acl:relcl", "advcl", "ccomp", "xcomp", "conj", "cc", "parataxis", "punct", "mark",
    "dep", "discourse", "vocative", "reparandum", "orphan", "csubj",
}  # fmt: skip

ROLE_DEPS = {"obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "iobj", "obj", "advmod"}


def prep_of(tok: Token) -> str | None:
    """The preposition heading a nominal ("à la Russie" -> "à"; "auprès de X" -> "auprès")."""
    # The word itself, not its lemma: the model lemmatizes "entre" as the verb "entrer".
    for child in tok.children:
        if child.dep_ == "case":
            word = child.text.lower().replace("’", "'")
            return _PREP_NORMAL.get(word, word)
    return None


def is_reflexive(verb: Token) -> bool:
    return any(c.dep_.startswith("expl") and c.lower_ in ("se", "s'", "s’", "me", "m'", "nous", "vous")
               for c in verb.children)


def has_passive(verb: Token) -> bool:
    if any(c.dep_ == "aux:pass" for c in verb.children):
        return True
    # "Alger A accusé Rabat": a passive subject under the auxiliary "avoir" is the parser's slip; French builds
    # the passive with "être".
    return any(c.dep_ == "nsubj:pass" for c in verb.children) and not any(
        c.dep_ == "aux:tense" and c.lemma_ == "avoir" for c in verb.children)


_DEFINITE = {"le", "la", "l'", "l’", "ce", "cet", "cette"}


def has_definite_article(tok: Token) -> bool:
    """ "LE communiqué", "CET appareil": a noun that refers back to one already named."""
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)


def path_below(tok: Token, pred: Token) -> list[Token]:
    """The word and the words above it up to, not including, its predicate ("le jour DE L'APPEL": appel,
    jour)."""
    return [tok, *[a for a in tok.ancestors if a.i != pred.i and pred in a.ancestors]]


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def phrase_tokens(head: Token) -> list[Token]:
    """The words of the noun phrase headed by `head`, without clauses, coordination or punctuation."""
    out = [head]
    # The phrase's own preposition ("SELON un communiqué") is not part of its name.
    stack = [c for c in head.children if c.dep_ not in _CLAUSAL and c.dep_ != "case"]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _CLAUSAL)
    out.sort(key=lambda t: t.i)
    return out


def phrase_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    parts = []
    for prev, tok in zip([None, *tokens[:-1]], tokens, strict=True):
        if prev is not None and (tok.i != prev.i + 1 or prev.whitespace_):
            parts.append(" ")
        parts.append(tok.text)
    return "".join(parts).strip(" ,;:«»\"“”")


TIME_WORDS = {
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "soir", "matin", "jour", "semaine",
    "mois", "année", "an", "nuit", "fois", "veille", "lendemain", "heure", "minute", "après-midi", "week-end",
}  # fmt: skip
_NOMINAL = ("NOUN", "PROPN", "PRON", "ADJ", "X")


def with_conjuncts(tok: Token) -> list[Token]:
    """The token and the ones coordinated with it ("la Grande-Bretagne et l'Union européenne").

    The parser often hangs the second conjunct on the first one's apposition ("le président américain,
    Joe Biden et son homologue russe"), so those count too.
    """
    out = [tok, *[c for c in tok.conjuncts if c.pos_ in _NOMINAL]]
    for app in tok.children:
        if app.dep_ == "appos":
            out.extend(c for c in app.conjuncts if c.pos_ in _NOMINAL and c not in out)
    return out


def predicate_of(tok: Token) -> Token:
    """The verb a nominal trigger depends on (itself for a verb), to read mood, tense and clauses from."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    cur = tok
    for _ in range(3):
        if cur.head == cur:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return tok


def aux_and_self(verb: Token) -> list[Token]:
    return [verb, *[c for c in verb.children if c.dep_.startswith("aux") or c.dep_ == "cop"]]


def governor(tok: Token) -> tuple[Token, str] | None:
    """The word that governs a clause, and how, seeing through a common misparse: an infinitive hung on
    a noun ("a nié ces derniers jours FOURNIR", "annonçaient dans un communiqué AVOIR PRIS") is governed
    by the verb of that noun, as its complement."""
    head = tok.head
    if head == tok:
        return None
    if tok.dep_ == "acl" and head.pos_ == "NOUN" and head.head != head and head.head.pos_ == "VERB":
        infinitive = "Inf" in tok.morph.get("VerbForm") or any(
            c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in tok.children
        )
        if infinitive:
            return head.head, "xcomp"
    return head, tok.dep_
