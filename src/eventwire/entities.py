"""Turning a token of the parse into an entity (SPEC §4), with what the article has said so far."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .actors import Actor, ActorLexicon, ArticleActors
from .records import Entity
from .syntax import has_definite_article, phrase_text, phrase_tokens, prep_of

_THIRD_PERSON = {"il", "elle", "ils", "elles", "-il", "-elle", "-ils", "-elles", "celui-ci", "celle-ci", "ceux-ci"}
_FIRST_PERSON = {"nous", "je", "j'", "j’", "-nous", "-je", "on"}
_RELATIVE = {"qui", "que", "qu'", "qu’", "lequel", "laquelle", "lesquels", "lesquelles", "dont"}
_COUNTRY_KINDS = {"country", "demonym", "capital", "metonym"}
# Military sites, and the verbs that say whose forces are there.
MILITARY_SITES = {"base", "installation", "caserne", "camp", "garnison", "position"}
_HOSTING = {"abriter", "accueillir", "héberger", "utiliser", "occuper", "stationner", "loger"}


@dataclass
class ArticleContext:
    """Per-article state: actor memory, the country the article is about, the last actor named."""

    lexicon: ActorLexicon
    actors: ArticleActors
    focus: str | None = None
    ranking: list[str] = field(default_factory=list)  # states by how much the article names them
    weight: dict[str, int] = field(default_factory=dict)  # how much (the title and lead count double)
    domestic: bool = False  # one state dominates the article: unstated counterparts are that state
    named: list[tuple[int, Entity]] = field(default_factory=list)  # actors as they were named, and where
    people: list[tuple[int, Entity]] = field(default_factory=list)  # people named, where, resolved
    states: list[tuple[int, str]] = field(default_factory=list)  # where each state is named
    text: str = ""  # the document's text (spaCy rebuilds Doc.text on every access)
    persons: list[tuple[int, int, str]] = field(default_factory=list)  # PER names: token start, end, words
    sentences: list[tuple[int, int, int]] = field(default_factory=list)  # first token, start char, end char
    quote_speakers: list[tuple[int, int, Entity]] = field(default_factory=list)  # (start, end, speaker)
    craft_operator: Entity | None = None  # the company whose plane or ship the article is about

    @classmethod
    def for_doc(cls, lexicon: ActorLexicon, doc: Doc, published: str | None, title: str | None,
                text: str | None = None) -> ArticleContext:
        """`text` is the article's own text when the doc was parsed with some sentences blanked out."""
        ctx = cls(lexicon=lexicon, actors=lexicon.article(published), text=text if text is not None else doc.text)
        ctx.persons = [(e.start, e.end, e.text) for e in doc.ents if e.label_ == "PER"]
        ctx.sentences = [(s.start, s.start_char, s.end_char) for s in doc.sents]
        counts, ctx.states = _country_counts(lexicon, ctx.text, title)
        ctx.ranking = [code for code, _ in counts]
        ctx.weight = dict(counts)
        ctx.focus = ctx.ranking[0] if ctx.ranking else None
        ctx.domestic = bool(counts) and (len(counts) == 1 or counts[0][1] >= 3 * counts[1][1])
        ctx.learn_people(doc)
        return ctx

    def learn_people(self, doc: Doc) -> None:
        """Resolve every person with the title they are introduced with, so a bare surname later resolves."""
        for start, end, words in self.persons:
            ent = doc[start:end]
            root = ent.root
            head = root.head if root.dep_ in ("appos", "flat:name", "nmod") and root.head.pos_ == "NOUN" else root
            actor = self.actors.resolve(phrase_text(phrase_tokens(head)), [words])
            if actor is not None and actor.code and actor.kind not in ("city",):
                self.people.append((ent.start_char, self._to_entity(words, actor, None)))

    def last_two_states(self, char: int, skip: frozenset[str] = frozenset()) -> list[str]:
        """The two states "les deux pays" stands for, other than those in `skip`: of the three named last before
        this offset, the two the article names most (a mediator or a third party named in passing is not one
        of "the two")."""
        recent: list[str] = []
        where: list[int] = []
        for pos, code in reversed([w for w in self.states if w[0] < char]):
            if code not in recent and code not in skip:
                recent.append(code)
                where.append(pos)
            if len(recent) == 3:
                break
        paired = len(where) > 1 and " et " in self.text[where[1] : where[0]] and where[0] - where[1] < 40
        if len(recent) == 3 and not paired:  # the most named; on a tie, the most recent
            # ("entre le Maroc ET l'Espagne" just named: those two, whoever else the article names more)
            recent = sorted(recent, key=lambda c: (-self.weight.get(c, 0), recent.index(c)))[:2]
        return (recent + [c for c in self.ranking if c not in recent and c not in skip])[:2]

    def antecedent(self, char: int) -> Entity | None:
        """What "il" or "elle" at this offset most likely stands for: the latest person or subject before it."""
        best: tuple[int, Entity] | None = None
        for pos, ent in self.people:
            if pos >= char:
                break
            best = (pos, ent)
        # The latest actor named before this offset (names are not always met in text order: an event's roles
        # are resolved when the event is built).
        last = max((n for n in self.named[-8:] if n[0] < char), default=None, key=lambda n: n[0])
        if last and (best is None or last[0] > best[0]):
            best = last
        return best[1] if best else None

    def counterpart(self, codes: set[str]) -> str | None:
        """Who an unstated recipient most likely is: in a story about one state, that state; else the state
        the article names most, other than these."""
        if self.domestic and self.focus in codes:
            return self.focus
        for code in self.ranking:
            if code not in codes:
                return code
        return None

    def sentence_chars(self, tok: Token) -> tuple[int, int]:
        """Start and end offsets of the sentence holding a token (cheaper than Token.sent)."""
        k = bisect.bisect_right(self.sentences, (tok.i, 1 << 62, 0)) - 1
        _, start, end = self.sentences[max(k, 0)]
        return start, end

    def speaker_at(self, char: int) -> Entity | None:
        for start, end, who in self.quote_speakers:
            if start <= char < end:
                return who
        return None

    def entity(self, tok: Token, place: str | None = None, remember: bool = True) -> Entity | None:
        """The entity a nominal token names; pronouns resolve to what they stand for."""
        low = tok.lower_
        if (tok.pos_ == "PRON" and not _misread_name(tok)) or low in _THIRD_PERSON:
            if low in _RELATIVE:
                head = tok.head
                # "les soldats QUI retenaient": the antecedent is what the relative clause modifies.
                if head.dep_ in ("acl:relcl", "acl") and head.head != head:
                    return self.entity(head.head, place, remember)
                return None
            if low in _FIRST_PERSON:
                return self.speaker_at(tok.idx)
            if low in _THIRD_PERSON:
                return self.antecedent(_outside_quotation(tok))
            return None
        hosted = self._hosted_forces(tok)
        if hosted is not None:
            return hosted
        tokens = phrase_tokens(tok)
        tokens += _stray_apposition(tok, tokens)
        text = phrase_text(tokens)
        if not text:
            return None
        persons = [words for start, end, words in self.persons if start >= tokens[0].i and end <= tokens[-1].i + 1]
        actor = self.actors.resolve(text, persons)
        ent = self._to_entity(text, actor, place, tok.idx)
        if remember and ent.code:
            self.named.append((tok.idx, ent))
        return ent

    def _hosted_forces(self, tok: Token) -> Entity | None:
        """ "des bases irakiennes ABRITANT DES SOLDATS AMÉRICAINS", "les bases QUI ACCUEILLENT des militaires
        américains", "deux bases UTILISÉES PAR l'armée américaine": a strike on them is aimed at the forces there."""
        if tok.lemma_.lower() not in MILITARY_SITES:
            return None
        # The parser may hang the clause on the noun before ("des missiles sur des bases irakiennes ABRITANT").
        after = tok.right_edge.i + 1
        clauses = [*tok.children, *[c for c in tok.head.children if c.i in (after, after + 1) and c.i > tok.i]]
        for clause in clauses:
            if clause.dep_ in ("acl", "acl:relcl") and clause.lemma_.lower() in _HOSTING:
                for t in clause.subtree:
                    codes = [m.actor.code for m in self.lexicon.find(t.text)
                             if m.actor.code and m.actor.kind in _COUNTRY_KINDS]
                    if codes and t.i != tok.i:
                        text = phrase_text(phrase_tokens(tok) + [w for w in clause.subtree])
                        return Entity(entity_text=text, code=codes[0], sector="MIL")
        return None

    def operator(self, craft: Token) -> Entity | None:
        """The company that runs a plane or a ship: named with it ("le Boeing DE RYANAIR", "un vol de la
        compagnie X"), else the one named with the craft before ("l'avion", "cet appareil" later on)."""
        for c in craft.subtree:
            if c.i != craft.i and c.dep_ == "nmod" and c.pos_ in ("PROPN", "NOUN"):
                ent = self.entity(c, remember=False)
                if ent is not None and ent.code and ent.sector == "BUS":
                    self.craft_operator = ent
                    return ent
        return self.craft_operator if has_definite_article(craft) else None

    def is_place(self, tok: Token) -> bool:
        """A town or capital named as a place ("la réunion DE PÉKIN", "l'entretien À GENÈVE")."""
        actor = self.actors.resolve(phrase_text(phrase_tokens(tok)))
        return actor is not None and actor.kind in ("city", "capital")

    def _to_entity(self, text: str, actor: Actor | None, place: str | None, at: int = 0) -> Entity:
        if actor is not None and actor.kind == "city":
            actor = None  # a town is where things happen, not who does them (capitals stand for governments)
        if actor is None:
            words = text.lower().split()
            # "plusieurs autres pays", "les trois pays": several states are not the one the passage is about.
            several = _SEVERAL & set(words) or any(w.isdigit() for w in words) or _plural_pays(words)
            if ("pays" in words or "royaume" in words or "république" in words) and not several:
                # "son pays", "le pays", "l'homme fort du pays": the country the passage is about; "son pays" and
                # "le pays" are the state last named acting ("l'Iran dément, mais LE PAYS s'apprête à livrer").
                near = self.antecedent(at) if words[0] in ("son", "sa", "leur", "notre", "le", "ce") else None
                code = (near.code if near else None) or place or self.focus
                return Entity(entity_text=text, code=code)
            return Entity(entity_text=text)
        code = actor.code
        if actor.generic and not code:
            # "la junte", "la police": of the country where it acts, else of the one the article is about;
            # a government office ("le ministère") is more often the state last named as acting.
            words = text.lower().split()
            if _NO_ONE_STATE & set(words):
                # "des responsables occidentaux", "la communauté internationale": several states, no one code
                return Entity(entity_text=text, sector=actor.sector, name=actor.name)
            anaphoric = actor.sector == "GOV" or "pays" in words  # "l'armée du pays"
            near = self.antecedent(at) if at and (anaphoric or words[0] in _POSSESSIVES) else None
            if near is not None and near.sector == "BUS":
                near = None  # "les autorités" after "le vol de Ryanair": a company is not a state
            if words[0] in _POSSESSIVES and near is not None and near.code:
                code = near.code  # "SES soldats", "LEURS ministres": the possessor's, wherever they are
            else:
                code = place or (near.code if near else None) or self.focus
        return Entity(entity_text=text, code=code, sector=actor.sector, name=actor.name)


_SEVERAL = {
    "autres", "plusieurs", "certains", "nombreux", "quelques", "divers", "trois", "quatre", "cinq", "six", "sept",
    "huit", "neuf", "dix", "douze", "vingt",
}  # fmt: skip


def _stray_apposition(tok: Token, tokens: list[Token]) -> list[Token]:
    """ "a indiqué Jonathan Hoffman, PORTE-PAROLE du ministère américain": the title the parser hung on the
    verb after an inverted subject still describes the subject."""
    if not tok.dep_.startswith("nsubj") or tok.head.i > tok.i:
        return []
    after = tokens[-1].i + 1
    for c in tok.head.children:
        if c.dep_ == "appos" and c.i in (after, after + 1) and tok.doc[after].text in (",", c.text):
            # Not where or how the words were said ("... de la Défense DANS UN COMMUNIQUÉ").
            said = {t.i for g in c.children if prep_of(g) in ("dans", "sur", "lors", "devant") for t in g.subtree}
            return [t for t in phrase_tokens(c) if t.i not in said]
    return []


def _outside_quotation(pronoun: Token) -> int:
    """Where to look back from for what "il" stands for: in "« ... », a-t-IL déclaré" the speaker was named
    before the quotation, and the names inside it are what he speaks of."""
    doc = pronoun.doc
    k = pronoun.i - 1
    while k >= 0 and doc[k].text not in ("»", "”") and doc[k].is_sent_start is not True and pronoun.i - k <= 4:
        k -= 1
    if k < 0 or doc[k].text not in ("»", "”"):
        return pronoun.idx
    while k >= 0 and doc[k].text not in ("«", "“"):
        k -= 1
    return doc[k].idx if k >= 0 else pronoun.idx


_NO_ONE_STATE = {"occidental", "occidentaux", "occidentale", "occidentales", "international", "internationaux",
                 "internationale", "internationales"}
_POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
_PLURAL_DETERMINERS = {"les", "des", "ces", "aux", "leurs", "nos", "vos", "ses"}


def _plural_pays(words: list[str]) -> bool:
    """ "les pays occidentaux", "des pays voisins": "pays" does not mark the plural, its determiner does."""
    return any(w == "pays" and i and words[i - 1] in _PLURAL_DETERMINERS for i, w in enumerate(words))


# French pronouns are a closed class; a capitalised word outside it that the tagger calls a pronoun is a name
# ("POUTINE a reçu Erdogan").
_PRONOUNS = {
    "je", "j'", "j’", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "m'", "m’", "te", "t'", "t’",
    "se", "s'", "s’", "le", "la", "l'", "l’", "les", "lui", "leur", "leurs", "eux", "moi", "toi", "soi", "y", "en",
    "ce", "c'", "c’", "ceci", "cela", "ça", "celui", "celle", "ceux", "celles", "qui", "que", "qu'", "qu’", "quoi",
    "dont", "où", "lequel", "laquelle", "lesquels", "lesquelles", "tout", "tous", "toutes", "chacun", "chacune",
    "aucun", "aucune", "personne", "rien", "plusieurs", "certains", "certaines", "autre", "autres", "même", "mêmes",
    "quelqu'un", "quelqu’un", "nul", "nulle", "-il", "-elle", "-ils", "-elles", "-on", "-nous", "-vous", "-t-il",
}  # fmt: skip


def _misread_name(tok: Token) -> bool:
    return tok.is_title and tok.lower_ not in _PRONOUNS


def _country_counts(
    lexicon: ActorLexicon, text: str, title: str | None
) -> tuple[list[tuple[str, int]], list[tuple[int, str]]]:
    """The states the article names, most named first with a weight (the title and lead count double),
    and where in the text each is named."""
    counts: Counter[str] = Counter()
    where: list[tuple[int, str]] = []
    for m in lexicon.find(title or ""):
        if m.actor.code and m.actor.kind in _COUNTRY_KINDS and len(m.actor.code) == 3:
            counts[m.actor.code] += 2
    for m in lexicon.find(text):
        if m.actor.code and m.actor.kind in _COUNTRY_KINDS and len(m.actor.code) == 3:
            counts[m.actor.code] += 2 if m.start < 600 else 1
            # "à Pékin", "en Suisse" name where, not a party: "les deux pays" then means the parties named before.
            before = text[max(0, m.start - 3) : m.start].strip()
            where_words = ("à", "en") if m.actor.kind == "capital" else ("en",) if m.actor.kind == "country" else ()
            if before not in where_words:
                where.append((m.start, m.actor.code))
    return counts.most_common(), where




def sentence_place(lexicon: ActorLexicon, sent: Span) -> tuple[str, str] | None:
    """The first place named after a locative preposition in the sentence: (text, ISO alpha-3)."""
    for tok in sent:
        if tok.dep_ == "case" and tok.lower_ in ("en", "à", "au", "aux", "dans"):
            head = tok.head
            if head.pos_ not in ("PROPN", "NOUN"):
                continue
            words = phrase_text(phrase_tokens(head))
            code = lexicon.place(words)
            if code:
                return words, code
    return None
