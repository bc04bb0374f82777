"""Finding events in a parsed article: triggers from the codebook, roles from the dependency structure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .attribution import said_by
from .certainty import certainty_of, content_of_plan
from .codebook import Codebook, Trigger
from .cues import Cues
from .dates import DateMention, PubDate, find_dates
from .entities import MILITARY_SITES, ArticleContext, sentence_place
from .records import Entity, Event, Location
from .syntax import (
    DEMONSTRATIVES,
    QUE,
    ROLE_DEPS,
    TIME_WORDS,
    children,
    has_passive,
    is_reflexive,
    path_below,
    phrase_text,
    phrase_tokens,
    predicate_of,
    prep_of,
    with_conjuncts,
)

_VERB_POS = {"VERB"}
_NOUN_POS = {"NOUN", "PROPN"}
_MODE_TYPES = {"phone": "CONSULT"}  # other refined modes are kinds of ASSAULT
_SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
_LOCATIVE = {"à", "en", "chez", "dans"}
# Acts a state does at home; with no agent named, the state where they happen did them.
_STATE_ACTS = {"COERCE", "SANCTION"}
# Acts an agreement provides for: with no side named, both sides of the conflict at hand do them.
_SETTLED_ACTS = {"RETREAT"}
# International bodies: talks they hold with no partner named are among their members.
_BODY_SECTORS = {"IGO"}
_FORCES = {"MIL", "COP"}
# Acts between two parties: with none named, the two states of the passage.
_PARTIES_ACTS = {"AGREE"}
# "une DIZAINE d'accords", "une SÉRIE de frappes": the parser makes the quantity the object.
_QUANTITY_WORDS = {
    "dizaine", "centaine", "millier", "série", "nombre", "vague", "salve", "douzaine", "partie", "ensemble",
    "plupart", "majorité", "quantité", "total", "paquet", "train", "volet", "batterie",
}  # fmt: skip
# Edges by which a nominal event hangs on a light verb ("lancer une ATTAQUE", "procéder à l'EXPULSION").
_LIGHT_EDGES = {"obj", "obl:arg", "obl:mod", "obl", "nsubj:pass"}
# "CETTE attaque", "L'offensive": a determiner that points back to an act already told.
_ANAPHORIC_DETS = DEMONSTRATIVES | {"le", "la", "les", "l'", "l’"}


@dataclass(frozen=True)
class Told:
    """An event already reported in the article, as a later mention of the same act takes it up."""

    actors: tuple[Entity, ...]
    recipients: tuple[Entity, ...]
    certainty: str


@dataclass(frozen=True)
class Found:
    """A trigger word matched to a codebook entry."""

    token: Token
    rule: Trigger


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _obj(verb: Token) -> Token | None:
    """The direct object (the passive subject in the passive), skipping bare time nouns ("reçu CE MERCREDI")."""
    for dep in ("obj", "nsubj:pass") if has_passive(verb) else ("obj",):
        objs = [c for c in verb.children if c.dep_ == dep]
        # "ont signé MARDI à Asunción un accord": a weekday the parser took for a second object.
        objs = [c for c in objs if c.lemma_.lower() not in TIME_WORDS] or objs
        # "annonce QU'il a accepté une offre": the conjunction the parser took for a relative object.
        objs = [c for c in objs if c.lower_ not in QUE] or objs
        if objs:
            return _head_noun(objs[0])
    stray = _stray_subject(verb) if has_passive(verb) else None
    if stray is not None:
        return stray
    if _passive_participle(verb) and verb.dep_ == "acl" and verb.head.pos_ in _NOUN_POS:
        return verb.head  # "ce coup d'État, CONDAMNÉ par la France": the participle's noun undergoes it
    # "a libéré dimanche douze prisonniers": after a weekday the parser may take the object for a modifier.
    for c in verb.children:
        bare = c.dep_ in ("obl:mod", "obl") and c.pos_ in _NOUN_POS and prep_of(c) is None
        if bare and c.i > verb.i and c.lemma_.lower() not in TIME_WORDS:
            return _head_noun(c)
    return None


def _stray_subject(verb: Token) -> Token | None:
    """ "X a tenté un putsch et LES FORCES ont été appelées": the parser may join the second clause's subject to
    the first one's object; a finite verb with its own auxiliary and no subject has it just before."""
    auxes = [c for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i]
    subject = any(c.dep_.startswith(("nsubj", "expl:subj")) for c in verb.children)
    if subject or not auxes or "Fin" not in auxes[0].morph.get("VerbForm"):
        return None
    before = verb.doc[auxes[0].i - 1] if auxes[0].i > 0 else None
    while before is not None and before.head != before and before.head.i < auxes[0].i and before.dep_ != "conj":
        before = before.head  # up from "sécurité" in "les forces de sécurité" to the phrase head
    if before is not None and before.dep_ == "conj" and before.pos_ in _NOUN_POS and before.head.i < before.i:
        return before
    return None


# "APRÈS l'assassinat du général, Téhéran a riposté": the clause answers an earlier act, done by others.
_EARLIER_ACT = {"après", "avant", "depuis", "suite", "réponse", "représailles", "riposte"}


def _in_reply_to(path: list[Token]) -> bool:
    return any(t.lemma_.lower() in _EARLIER_ACT or any(c.dep_ == "case" and c.lower_ in _EARLIER_ACT
                                                        for c in t.children) for t in path)


def _antecedent(tok: Token) -> Token:
    """The noun a relative pronoun stands for ("les bases QUI ..."), else the token itself."""
    if tok.lower_ in ("qui", "lequel", "laquelle", "lesquels", "lesquelles") and tok.head.dep_.startswith("acl"):
        return tok.head.head
    return tok


def _passive_participle(verb: Token) -> bool:
    """A bare past participle with its agent ("condamné par la France"): a passive without auxiliary."""
    return "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense") and any(
        c.dep_ == "obl:agent" for c in verb.children) and not any(c.dep_.startswith("aux") for c in verb.children)


def _head_noun(tok: Token, depth: int = 0) -> Token:
    """ "imposé jeudi de nouvelles sanctions", "adopté un paquet de sanctions", "signé une dizaine d'accords":
    past a weekday or a quantity, the real object hangs below."""
    if depth < 2 and (tok.lemma_.lower() in TIME_WORDS or tok.lemma_.lower() in _QUANTITY_WORDS):
        for g in tok.children:
            if g.dep_ == "nmod" and g.pos_ == "NOUN":
                return _head_noun(g, depth + 1)
    return tok


def _attached_lemmas(tok: Token) -> set[str]:
    out = set()
    for c in tok.children:
        out.add(_lemma(c))
        out.add(c.lower_)
        for g in c.children:
            out.add(_lemma(g))
            out.add(g.lower_)
    return out


def _matches(tok: Token, rule: Trigger, sent_words: set[str] | None = None) -> bool:
    if rule.reflexive is not None and rule.pos == "verb" and is_reflexive(tok) != rule.reflexive:
        return False
    obj = _obj(tok) if rule.pos == "verb" else None
    obj_lemma = _lemma(obj) if obj is not None else None
    if rule.obj and obj_lemma not in rule.obj:
        # A nominal trigger's "object" is the noun itself under a light verb: handled by the noun rule.
        return False
    if rule.not_obj and obj_lemma in rule.not_obj:
        return False
    if rule.no_clause and any(c.dep_ == "ccomp" for c in tok.children):
        return False
    if rule.sentence and not (sent_words or set()) & rule.sentence:
        return False
    if rule.with_ or rule.also or rule.not_with:
        attached = _attached_lemmas(tok)
        if rule.pos == "noun" and tok.head != tok:
            attached |= {_lemma(tok.head)}
        if rule.with_ and not attached & rule.with_:
            return False
        if rule.also and not attached & rule.also:
            return False
        if rule.not_with and attached & rule.not_with:
            return False
    return True


def find_triggers(sent: Span, book: Codebook) -> list[Found]:
    found = []
    words = {t.lower_ for t in sent}
    for tok in sent:
        if tok.pos_ in _VERB_POS or (tok.pos_ == "ADJ" and "Part" in tok.morph.get("VerbForm")):
            if any(c.dep_ == "det" for c in tok.children):
                continue  # a noun the tagger read as a participle: "l'OPPOSANT", "les MANIFESTANTS"
            pos = "verb"
        elif tok.pos_ in _NOUN_POS:
            pos = "noun"
        else:
            continue
        # Every entry that fits, most specific first: the next is tried when roles rule one out.
        found.extend(Found(tok, rule) for rule in book.triggers(_lemma(tok), pos) if _matches(tok, rule, words))
    # A noun under a verb that already triggered ("lancer une ATTAQUE") is the same event.
    # Unless the noun names its own parties ("a accueilli des pourparlers ENTRE X ET Y").
    verbs = {f.token.i for f in found if f.rule.pos == "verb"}
    # "la levée des SANCTIONS": the noun that makes another's construction is part of that event.
    parts = {(f.token.i, w) for f in found if f.rule.pos == "noun" for w in f.rule.with_}
    found = [f for f in found if (f.token.head.i, _lemma(f.token)) not in parts or f.token.head == f.token]
    return [f for f in found if not (
        f.rule.pos == "noun" and f.token.head.i in verbs and f.token.head != f.token
        and not any(prep_of(c) == "entre" for c in f.token.children)
    )]


def _in_subject(tok: Token, pred: Token) -> bool:
    """Whether the word stands in its clause's subject ("le jour DE L'APPEL n'a pas été précisé")."""
    return any(t.dep_.startswith("nsubj") for t in path_below(tok, pred))


def _unresolved_actor(ent: Entity) -> bool:
    """An entity the lexicon knows as a kind of actor (a sector) or that names states, with no code."""
    if ent.code is not None or ent.sector == "MED":  # the press reports; it is not a party
        return False
    return ent.sector is not None or "pays" in ent.entity_text.lower().split()


def _source_key(chain: list[Entity]) -> str | None:
    """Who says so, innermost: a code, else the source's name as written (an outlet, "trois sources")."""
    if not chain:
        return None
    source = chain[-1]
    return source.code or (source.name or source.entity_text).lower()


def _hypothetical(verb: Token) -> bool:
    """ "si X attaquait", "au cas où il ne parviendrait pas": a condition, not a report."""
    for clause in (verb, *[a for a in verb.ancestors][:2]):
        marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
        if "si" in marks or "s'" in marks or ("où" in marks and any(c.lower_ == "cas" for c in clause.subtree)):
            return True
        in_case = clause.dep_ == "acl:relcl" and clause.head.lower_ == "cas"
        if in_case and any(c.lower_ == "où" for c in clause.children):
            return True  # the parser reads "au cas OÙ il échouerait" as a relative clause on "cas"
        if clause.dep_ not in ("xcomp", "conj"):
            break
    return False


class EventBuilder:
    """Builds the events of one parsed article."""

    def __init__(self, doc: Doc, article_id: str, language: str, ctx: ArticleContext, book: Codebook,
                 cues: Cues, published: PubDate | None) -> None:
        self.doc = doc
        self.article_id = article_id
        self.language = language
        self.ctx = ctx
        self.book = book
        self.cues = cues
        self.published = published
        # An event the sentence does not date is, in news, as recent as the report itself.
        self.published_date = (
            DateMention(0, 0, "", published.isoformat(), published.precision) if published else None
        )
        self._dates: dict[int, list[DateMention]] = {}  # sentence start -> mentions, absolute offsets
        self._parties: dict[str, list[str]] = {}  # event type -> the codes of the last such event's parties
        self._told: dict[str, Told] = {}  # event type -> the last such event
        self.text_key = hashlib.sha1(ctx.text.encode("utf-8")).hexdigest()

    # -- roles -------------------------------------------------------------------------------------
    def subject_tokens(self, verb: Token, depth: int = 0) -> list[Token]:
        if has_passive(verb):
            if is_reflexive(verb):  # "des militaires se sont déployés": a reflexive, not a passive
                return children(verb, "nsubj:pass")
            return children(verb, "obl:agent")
        # Not passive, so a "nsubj:pass" here is a subject the parser mislabelled (see has_passive).
        subs = [c for c in verb.children
                if c.dep_ in ("nsubj", "nsubj:pass") or (c.dep_ == "expl:subj" and c.lower_ != "-t")]
        if subs:
            return subs
        head, dep = verb.head, verb.dep_
        if head == verb or depth > 3:
            return []
        if any(c.dep_ == "mark" and c.lower_ == "en" for c in verb.children):
            # Gerund ("en fournissant des armes"): the subject of the clause it modifies.
            outer = head
            while outer.pos_ not in ("VERB", "AUX") and outer.head != outer:
                outer = outer.head
            return self.subject_tokens(outer, depth + 1) if outer != verb else []
        if dep == "conj":
            stray = _stray_subject(verb)
            if stray is not None:
                return [stray]
            if "Fin" in verb.morph.get("VerbForm") and "Inf" in head.morph.get("VerbForm") and head.dep_ == "xcomp":
                # "X a appelé Y à se retirer ET DOIT se réunir": a finite verb the parser joined to the infinitive
                # goes on the outer clause, whose subject it shares (not the infinitive's controller).
                return self.subject_tokens(head.head, depth + 1)
            return self.subject_tokens(head, depth + 1)
        infinitive = "Inf" in verb.morph.get("VerbForm") or any(
            c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in verb.children
        )
        if dep == "acl" and head.pos_ in _NOUN_POS:
            if _passive_participle(verb):
                # "ce coup d'État, CONDAMNÉ par la France": the agent of a participle acts on its noun.
                return children(verb, "obl:agent")
            if infinitive and head.head.pos_ == "VERB" and head.head != head:
                # "annonçaient dans un communiqué AVOIR PRIS": an infinitive the parser hung on a noun.
                return self._controller(head.head, depth)
            # "les entités FOURNISSANT des drones": the noun acts; a past participle modifies its patient.
            # A "participle" with a direct object is a finite verb misread ("L'Algérie ROMPT ses relations").
            finite = "Pres" in verb.morph.get("Tense") or any(c.dep_ == "obj" for c in verb.children)
            return [head] if finite else []
        bare = not any(c.dep_.startswith("aux") for c in verb.children)
        if (dep in ("xcomp", "advcl", "ccomp", "obl:arg", "obj", "csubj") and (infinitive or bare)) or dep == "xcomp":
            return self._controller(head, depth)
        return []

    def _controller(self, head: Token, depth: int) -> list[Token]:
        """Who does what an infinitive says: the object of "accuser X de", else the governing subject."""
        if _lemma(head) in self.cues.object_control:
            for c in head.children:
                if c.dep_ in ("obj", "iobj") or (c.dep_ == "obl:arg" and prep_of(c) == "à"):
                    return [c]
            if head.dep_ == "acl" and head.head.pos_ in _NOUN_POS and "Past" in head.morph.get("Tense"):
                # "le Maroc, ACCUSÉ d'avoir soutenu les rebelles": the participle's noun is the one accused.
                return [head.head]
        return self.subject_tokens(head, depth + 1)

    def entities(self, toks: list[Token], place: str | None, others: frozenset[str] = frozenset()) -> list[Entity]:
        """The entities the tokens name; "les deux pays" are two states other than `others` (the actors)."""
        out: list[Entity] = []
        for tok in toks:
            for t in with_conjuncts(tok):
                # "les ministres DES DEUX PAYS": a group noun of the two states stands for both.
                owners = [c for c in t.children if c.dep_ == "nmod" and prep_of(c) == "de" and not self._inert(c)]
                pair = self._the_two(t, others) or next((p for c in owners if (p := self._the_two(c, others))), None)
                if pair:
                    out.extend(pair)
                    continue
                ent = self.ctx.entity(t, place)
                if ent is not None:
                    out.append(ent)
                out.extend(self._coordinated_owners(t, place))
        resolved: list[Entity] = []
        for e in out:
            if e.code and all(e.code != r.code for r in resolved):
                resolved.append(e)
        return resolved or out[:1]

    def _coordinated_owners(self, tok: Token, place: str | None) -> list[Entity]:
        """ "les délégations DU SOUDAN ET DE L'ÉGYPTE", "les dirigeants français et allemand": a group noun of
        several states stands for each."""
        out: list[Entity] = []
        for c in tok.children:
            if c.dep_ == "amod" and c.pos_ == "ADJ":  # "les dirigeants français ET ALLEMAND"
                for other in c.conjuncts:
                    codes = [m.actor.code for m in self.ctx.lexicon.find(other.text) if m.actor.code]
                    if other.pos_ == "ADJ" and codes:
                        out.append(Entity(entity_text=other.text, code=codes[0]))
            if c.dep_ == "nmod" and prep_of(c) == "de":
                # The parser may hang the second owner on the first one's last word ("de l'Arabie SAOUDITE
                # et de l'Iran").
                tails = [g for k in c.children if k.dep_ in ("nmod", "amod", "flat:name") for g in k.conjuncts]
                for other in (*c.conjuncts, *tails):
                    if other.pos_ in _NOUN_POS and prep_of(other) in ("de", None):
                        ent = self.ctx.entity(other, place, remember=False)
                        if ent is not None and ent.code:
                            out.append(ent)
        return out

    def _the_two(self, tok: Token, others: frozenset[str] = frozenset()) -> list[Entity] | None:
        """ "les deux pays", "les deux dirigeants": the two states the article is about."""
        if tok.pos_ != "NOUN" or not any(c.lower_ == "deux" for c in tok.children):
            return None
        # "les ministres DES deux pays": as a complement, the article hides in the preposition.
        articles = ("les", "ces", "leurs", "des", "aux") if tok.dep_ == "nmod" else ("les", "ces", "leurs")
        if not any(c.lower_ in articles for c in tok.children):
            return None
        pair = self.ctx.last_two_states(tok.idx, others)
        return [Entity(entity_text=tok.text, code=code) for code in pair] if len(pair) == 2 else None

    def role_tokens(self, found: Found, pred: Token, role: str) -> list[Token]:
        tok = found.token
        owners = [tok] if tok == pred else [tok, pred]
        if role == "obj":
            # "imposer des SANCTIONS", "utiliser des DRONES": the object is part of the construction, unless
            # the entry names it as the recipient ("libérer des PRISONNIERS palestiniens").
            if tok != pred or (found.rule.obj and "obj" not in found.rule.recipient):
                return []
            obj = _obj(pred)
            return [obj] if obj is not None else []
        if role == "iobj":
            return [c for o in owners for c in o.children if c.dep_ == "iobj"]
        if role.startswith("obj_"):
            obj = _obj(pred) if tok == pred else None
            prep = role[4:]
            return [c for c in obj.children if c.dep_ in ROLE_DEPS and prep_of(c) == prep] if obj is not None else []
        out = []
        for owner in owners:
            for c in owner.children:
                if c.dep_ in ROLE_DEPS and c != tok and prep_of(c) == role:
                    out.append(c)
        if not out and tok == pred:
            # "fournir des armes À L'UKRAINE": the parser often hangs the complement on the object.
            # "a tiré plus d'UNE DOUZAINE de missiles contre ...": or on a quantity it reads as an oblique.
            near = [*pred.children, *[g for c in pred.children if c.dep_ == "advmod" for g in c.children]]
            obj = _obj(pred) or next((c for c in near if c.dep_ in ("obl:arg", "obl", "obl:mod")
                                      and _lemma(c) in _QUANTITY_WORDS), None)
            if obj is not None:
                # Also on the quantity above it: "une douzaine de missiles SUR LES BASES".
                holders = path_below(obj, pred)
                out = [c for h in holders for c in h.children if c.dep_ == "nmod" and prep_of(c) == role]
                # "des sanctions à l'Iran et à la Syrie": the second one hangs on the object as a conjunct.
                out += [c for c in obj.conjuncts if out and c.pos_ in _NOUN_POS and prep_of(c) == role]
            for w in pred.children:
                if not out and w.dep_ == "obl:arg" and _lemma(w) in found.rule.with_:
                    out = [c for c in w.children if c.dep_ == "nmod" and (prep_of(c) in (role, None))
                           and c.pos_ in _NOUN_POS]
        return out

    def _own_actor_tokens(self, noun: Token, rule: Trigger) -> list[Token]:
        """The actor a nominal event names itself: an adjective of nationality or a "de"/"par" complement."""
        roles = self.book.recipient_roles(rule)
        out = []
        for c in noun.children:
            if c.dep_ == "amod" and c.pos_ == "ADJ":
                # Only adjectives of nationality act ("une frappe AMÉRICAINE", not "de NOUVELLES sanctions").
                if any(m.actor.code for m in self.ctx.lexicon.find(c.text)):
                    out.append(c)
            elif c.dep_ in ("nmod", "obl:agent"):
                prep = prep_of(c)
                if _lemma(c) in rule.with_:
                    continue  # "la reprise DES RELATIONS": the word that makes the construction names no one
                # "par X" always acts; "de X" acts unless this noun's "de" is its patient ("l'arrestation de X").
                if prep in ("par", "entre") or (
                    prep == "de" and "de" not in roles and c.dep_ == "nmod" and not self._venue(c, rule)
                ):
                    out.append(c)
        return out

    def _venue(self, tok: Token, rule: Trigger) -> bool:
        """ "le sommet DE PÉKIN", "l'accord DE PARIS": a capital after a meeting or a pact is where it was held;
        after a reproach or a threat ("les critiques DE PARIS") it is the government that speaks."""
        return rule.event in _SYMMETRIC and self.ctx.is_place(tok)

    def doers(self, noun: Token, place_code: str | None) -> list[Entity]:
        """Who did the act a noun names, when that act is what another event is about: "a condamné
        l'ARRESTATION de l'opposant" is aimed at those who arrested, not at the one arrested."""
        # Any act with its agent: "dénonce l'utilisation de drones PAR L'ARMÉE RUSSE".
        agents = [c for c in noun.children if c.dep_ in ("nmod", "obl:agent") and prep_of(c) == "par"]
        agent_ents = [e for e in self.entities(agents, place_code) if e.code]
        if agent_ents:
            return agent_ents
        for rule in self.book.triggers(_lemma(noun), "noun"):
            if not _matches(noun, rule):
                continue
            ents = [e for e in self.entities(self._own_actor_tokens(noun, rule), place_code) if e.code]
            if rule.event in _SYMMETRIC:  # "a salué la RENCONTRE entre X et Y": both parties
                return ents
            if ents:
                return ents[:1]
            if rule.event in _STATE_ACTS:  # an agentless arrest or coup: the state where it happens
                code = place_code or self.ctx.focus
                return [Entity(entity_text=code, code=code)] if code else []
            return []
        return []

    def noun_actor_tokens(self, noun: Token, rule: Trigger) -> list[Token]:
        out = self._own_actor_tokens(noun, rule)
        if out or content_of_plan(noun, self.cues):
            # "l'accord prévoit le retrait des combattants": the act is the parties', not the signers'.
            return out
        pred = predicate_of(noun)
        path = [a for a in [noun, *noun.ancestors] if a.i != pred.i and pred in a.ancestors]
        # Talks after which the clause acts are its subject's own; an attack it answers is someone else's.
        if rule.event not in _SYMMETRIC and _in_reply_to(path):
            return []
        head, edge = noun.head, noun.dep_
        if rule.event == "ACCUSE" and edge == "obj" and _lemma(head) in self.cues.deny:
            return []  # "le Kremlin a REJETÉ les accusations": who rejects them is the accused, not the accuser
        if head != noun and head.pos_ == "NOUN" and edge == "nmod" and head.dep_ in _LIGHT_EDGES:
            # "ont eu RECOURS à l'expulsion", "la DÉCISION d'expulser": the noun between verb and event.
            head, edge = head.head, head.dep_
        if head.pos_ == "VERB" and edge in _LIGHT_EDGES - {"nsubj:pass"}:
            return self.subject_tokens(head)
        # Deeper in a complement ("a annoncé la fin de la COOPÉRATION ..."): the clause's subject, unless the
        # noun sits in the subject itself.
        if pred != noun and not any(a.dep_.startswith("nsubj") for a in path):
            return self.subject_tokens(pred)
        return []

    # -- one event ---------------------------------------------------------------------------------
    def build(self, found: Found, sent: Span, place: tuple[str, str] | None) -> Event | None:
        tok, rule = found.token, found.rule
        pred = predicate_of(tok)
        place_code = place[1] if place else None
        if rule.pos == "verb":
            actor_toks = self.subject_tokens(tok)
        elif rule.anaphoric:  # "X a confirmé CET accord": X is who says so, not a party
            actor_toks = self._own_actor_tokens(tok, rule)
        else:
            actor_toks = self.noun_actor_tokens(tok, rule)
        # Events and weapons do not act: "des négociations", "les drones iraniens qui ont frappé".
        inert = [t for t in actor_toks if self._inert(t, rule)]
        meeting = bool(actor_toks) and len(inert) == len(actor_toks)
        actor_toks = [t for t in actor_toks if not self._inert(t, rule)]
        if rule.event in _SYMMETRIC and any(_lemma(_antecedent(t)) in MILITARY_SITES for t in actor_toks):
            return None  # "les bases QUI ACCUEILLENT des soldats": a site hosting troops meets no one
        named = self.entities(actor_toks, place_code)
        actors = [e for e in named if e.code]
        agentless = False
        if not actors:
            actors, agentless = self._unstated_actors(found, sent, actor_toks, meeting, place_code)
        recalled = self._told_before(found, actor_toks, inert) if not actors else None
        if rule.anaphoric and recalled is None:
            return None
        if recalled is not None:
            actors = list(recalled.actors)
        if rule.pos == "noun" and not actors and rule.event == "PROTEST" and (place_code or self.ctx.focus):
            actors = [Entity(entity_text=tok.text, code=place_code or self.ctx.focus, sector="CVL")]
        unnamed = not actors and bool(named) and _unresolved_actor(named[0])
        if unnamed:
            # "la communauté internationale", "plusieurs autres pays", "des manifestants": a doer the text names
            # but no single code fits (SPEC §4: code null). Coded only when the recipient is named.
            actors = named[:1]
        if not actors:
            return None
        if rule.subject_sector and not any(a.sector in rule.subject_sector for a in actors):
            return None
        if rule.not_subject_sector and any(a.sector in rule.not_subject_sector for a in actors):
            return None
        if recalled is not None:  # the same act: its target too, not a place the sentence happens to name
            recipients = list(recalled.recipients)
        else:
            recipients = self.recipients(found, pred, actors, place_code, agentless, named_only=unnamed)
            if unnamed and not any(r.code for r in recipients):
                return None
        among_parties = rule.event in _SYMMETRIC and len(actors) > 1  # "les armées des deux pays ... conjoints"
        if rule.need_recipient and not recipients and not among_parties and not self._among_members(rule, actors):
            return None
        if rule.obj_kind == "actor" and not (recipients and (obj := _obj(tok)) is not None and self._names_actor(obj)):
            return None
        if rule.obj_kind == "place" and not ((obj := _obj(tok)) is not None and self.ctx.is_place(obj)):
            return None
        # "X et Y se sont entretenus", "entre X et Y": the first is the actor, the other the recipient.
        among = rule.event in _SYMMETRIC and {r.code for r in recipients} <= {a.code for a in actors}
        if len(actors) == 2 and (not recipients or among):
            actors, recipients = actors[:1], actors[1:]
        elif len(actors) > 2 and among:
            recipients = []  # talks among three or more: each party acts, none is the other's recipient
        if self._framed_out(tok, pred):
            return None
        if recalled is not None and rule.pos == "noun" and _in_subject(tok, pred):
            # "Ce coup d'État pourrait compliquer ...", "le jour de l'appel n'a pas été précisé": the act the
            # subject names back is as certain as it was told; what the clause says of it is another matter.
            certainty = recalled.certainty
        else:
            certainty = certainty_of(tok, self.cues, sent)
        chain = said_by(tok, self.ctx, self.cues)
        date = self.date_for(tok, sent)
        loc = Location(text=place[0], code=place[1]) if place else None
        mode = self.mode_for(rule, pred, sent)
        return self.event(rule.event, mode, actors, recipients, date, loc, certainty, chain, sent, tok)

    def _unstated_actors(self, found: Found, sent: Span, actor_toks: list[Token], meeting: bool,
                         place_code: str | None) -> tuple[list[Entity], bool]:
        """Who did an act whose clause names no coded doer, and whether it is the state acting at home (then
        what it does is done to its own)."""
        tok, rule = found.token, found.rule
        if rule.event in _PARTIES_ACTS and rule.pos == "verb" and (meeting or (has_passive(tok) and not actor_toks)):
            # "l'accord n'a pas été signé", "la discussion, prévue pour finaliser un accord": an agreement with
            # no party named, or one a meeting was to reach, is between the parties of the last one the article
            # reported, else between the two states the passage is about.
            pair = self._talk_parties(sent) or self._parties.get(rule.event) or self.ctx.last_two_states(tok.idx)
            return ([Entity(entity_text=code, code=code) for code in pair] if len(pair) >= 2 else []), False
        if rule.event in _STATE_ACTS and rule.pos == "verb" and has_passive(tok) and not actor_toks:
            # "Il a été arrêté à Minsk": an agentless arrest or killing is the state's where it happens.
            code = place_code or self.ctx.focus
            if rule.event == "SANCTION":  # "35 diplomates russes seront expulsés": by the state last named acting
                near = self.ctx.antecedent(tok.idx)
                code = (near.code if near else None) or code
                patient = _obj(tok)
                own = self.ctx.entity(patient, place_code, remember=False) if patient is not None else None
                if own is not None and own.code == code:
                    # A state does not expel its own diplomats: the last named was the patient's, so the
                    # state the article names most besides it.
                    code = self.ctx.counterpart({code}) or code
            return ([Entity(entity_text=code, code=code)] if code else []), True
        if rule.event == "MOBILIZE" and rule.pos == "verb" and has_passive(tok) and not actor_toks:
            return self._own_forces(tok, place_code), False
        if rule.pos == "noun" and rule.event in _SETTLED_ACTS and content_of_plan(tok, self.cues):
            # "l'accord prévoit le retrait des combattants": with no side named, the sides of the conflict the
            # passage is about pull back on their own ground.
            code = place_code or self.ctx.focus
            return ([Entity(entity_text=code, code=code)] if code else []), True
        return [], False

    def _told_before(self, found: Found, actor_toks: list[Token], inert: list[Token]) -> Told | None:
        """The event the article already reported, told again without its doer: "CES FRAPPES ont touché ...",
        "l'attaque est une vengeance", "des missiles ont visé la base", "22 missiles avaient été tirés".
        `inert` are the weapons or events standing as the subject."""
        tok = found.token
        if found.rule.pos == "noun":
            dets = DEMONSTRATIVES if found.rule.anaphoric else _ANAPHORIC_DETS
            again = not actor_toks and any(c.dep_ == "det" and c.lower_ in dets for c in tok.children)
        elif actor_toks:
            again = False
        else:
            # Weapons as the subject, unless they say whose they are ("un drone AMÉRICAIN a ciblé").
            unmarked = not any(self.ctx.lexicon.find(w.text) for t in inert for w in t.subtree)
            again = unmarked and (bool(inert) or has_passive(tok))
        return self._told.get(found.rule.event) if again else None

    def _own_forces(self, verb: Token, place_code: str | None) -> list[Entity]:
        """ "des soldats turcs ont été déployés", "les forces de sécurité ont été appelées": forces sent with no
        one named are sent by their own state."""
        forces = _obj(verb)
        if forces is None:
            return []
        return [e for e in self.entities([forces], place_code) if e.code and e.sector in _FORCES][:1]

    def _among_members(self, rule: Trigger, actors: list[Entity]) -> bool:
        """ "les Vingt-Sept discuteront de sanctions", "les ministres de l'Otan se réuniront": talks an
        international body holds with no partner named are among its members, with no recipient."""
        def body(a: Entity) -> bool:
            named = self.ctx.lexicon.find(a.entity_text)
            return a.sector in _BODY_SECTORS or any(m.actor.sector in _BODY_SECTORS and m.actor.code == a.code
                                                    for m in named)

        return rule.event == "CONSULT" and all(body(a) for a in actors)

    def _talk_parties(self, sent: Span, with_partners: bool = False) -> list[str]:
        """ "un accord a été conclu après des discussions ENTRE X, Y et Z": the parties of the talks the
        sentence names reached it. `with_partners`: also those the talks are held "avec"."""
        for f in find_triggers(sent, self.book):
            if f.rule.event == "CONSULT" and f.rule.pos == "noun":
                toks = self._own_actor_tokens(f.token, f.rule)
                if with_partners:
                    toks += [c for c in f.token.children if c.dep_ == "nmod" and prep_of(c) == "avec"]
                codes = list(dict.fromkeys(e.code for e in self.entities(toks, None) if e.code))
                if len(codes) >= (1 if with_partners else 2):
                    return codes
        return []

    def _names_actor(self, tok: Token) -> bool:
        """Whether the noun itself names an actor ("le président iranien", "une délégation saoudienne"), not
        a thing that merely mentions one further down ("des informations faisant état de frappes IRANIENNES")."""
        if tok.pos_ in ("PROPN", "PRON"):
            return True
        close = [tok, *[c for c in tok.children if c.dep_ in ("amod", "flat:name", "appos", "nmod")]]
        words = " ".join(t.text for t in sorted(close, key=lambda t: t.i))
        return bool(self.ctx.lexicon.find(words))

    def _inert(self, tok: Token, rule: Trigger | None = None) -> bool:
        lemma = _lemma(tok)
        # In a supply ("la livraison de missiles NORD-CORÉENS"), the weapon's country is its supplier.
        weapon = lemma in self.book.instruments and (rule is None or rule.event != "AID")
        return tok.pos_ == "NOUN" and (weapon or bool(self.book.triggers(lemma, "noun")))

    def recipients(self, found: Found, pred: Token, actors: list[Entity], place_code: str | None,
                   agentless: bool = False, named_only: bool = False) -> list[Entity]:
        """`named_only`: only a recipient the sentence names (no counterpart, no actor's own state)."""
        actor_codes = {a.code for a in actors}
        roles = self.book.recipient_roles(found.rule)
        if named_only:
            roles = tuple(r for r in roles if r not in ("other", "self"))
        craft = _obj(pred) if found.token == pred else None
        if craft is not None and _lemma(craft) in self.book.instruments:
            self.ctx.operator(craft)  # "le Boeing DE RYANAIR": later, "l'appareil" is Ryanair's
        if agentless:  # the state acting at home: what it does is done to its own
            roles = (*[r for r in roles if r not in ("loc", "other")], "self")
        for role in roles:
            if role == "self":
                return [Entity(entity_text=actors[0].entity_text, code=actors[0].code, sector=actors[0].sector)]
            if role == "other":
                if len(actors) > 1:  # several parties already: the event is among them
                    return []
                if self._among_members(found.rule, actors):
                    return []
                if found.rule.event in _PARTIES_ACTS:
                    # "« Nous avons trouvé un accord », a dit X à l'issue des négociations AVEC Y et Z": the
                    # agreement is with the partners of the talks.
                    partners = [c for c in self._talk_parties(found.token.sent, with_partners=True)
                                if c not in actor_codes]
                    if partners:
                        return [Entity(entity_text=code, code=code) for code in partners]
                code = self.ctx.counterpart(actor_codes)
                if code:
                    return [Entity(entity_text=code, code=code)]
                continue
            if role == "loc":
                if place_code and (place_code not in actor_codes or found.rule.event in ("COERCE", "PROTEST")):
                    return [Entity(entity_text=place_code, code=place_code)]
                continue
            if role == "act":
                obj = _obj(pred) if found.token == pred else None
                ents = self.doers(obj, place_code) if obj is not None else []
                if ents:
                    return ents
                continue
            if role == "entre" and found.rule.event in _SYMMETRIC and len(actors) > 1:
                return []  # "une rencontre ENTRE X et Y": the parties are the actors already, not again recipients
            found_toks = self.role_tokens(found, pred, role)
            toks = [t for t in found_toks if _lemma(t) not in self.book.instruments]
            # A craft is no recipient, but the company that runs it is ("dérouté L'AVION DE RYANAIR").
            operators = [op for t in found_toks if _lemma(t) in self.book.instruments
                         and (op := self.ctx.operator(t) or self._flag(t, found.rule)) is not None]
            if operators and not toks:
                return operators
            if role == "obj" and found.rule.event in _SYMMETRIC:
                # "discuter de SANCTIONS contre X", "négocier un ACCORD": the topic, not the other party.
                toks = [t for t in toks if not self.book.triggers(_lemma(t), "noun")]
            if not toks:
                continue
            # "X recevra les ministres des deux pays": with one actor, the two are others than X.
            others = frozenset(actor_codes - {None}) if len(actors) == 1 else frozenset()
            ents = [e for e in self.entities(toks, place_code, others) if e.code]
            if role in _LOCATIVE:  # "leur rencontre à Moscou": a meeting at home is not with oneself
                if len(actors) > 1 and found.rule.event in _SYMMETRIC:
                    continue  # "X et Y se sont rencontrés EN CHINE": where the parties met, not a third party
                ents = [e for e in ents if e.code not in actor_codes]
                if found.rule.mode != "visit" and any(self.ctx.is_place(t) for t in toks):
                    # "ont convenu à Pékin": where it happened; only a visit is made TO a capital's government.
                    continue
            if ents:
                return ents
        return []

    def _flag(self, craft: Token, rule: Trigger) -> Entity | None:
        """ "arraisonner un navire TURC": a seized craft's nationality is its owner's (a drone's only says
        where it was made)."""
        if rule.event != "COERCE":
            return None
        for c in craft.children:
            if c.dep_ == "amod" and c.pos_ == "ADJ":
                codes = [m.actor.code for m in self.ctx.lexicon.find(c.text) if m.actor.code]
                if codes:
                    return Entity(entity_text=phrase_text(phrase_tokens(craft)), code=codes[0])
        return None

    def _framed_out(self, tok: Token, pred: Token) -> bool:
        """A threatened, requested or hypothetical act has not happened: it is not coded (SPEC §5)."""
        if _hypothetical(pred):
            return True
        # "et MENACE DE détruire ...": right after a threat or request word, whatever the parser hung it on.
        for mark in (c for c in pred.children if c.dep_ == "mark" and c.lower_ in ("de", "d'", "d’") and c.i > 0):
            word = pred.doc[mark.i - 1]
            pos = "verb" if word.pos_ in _VERB_POS else "noun"
            if any(r.frame in ("threat", "request") for r in self.book.triggers(_lemma(word), pos)):
                return True
        child = pred
        for _ in range(3):
            head = child.head
            if head == child or child.dep_ not in ("xcomp", "ccomp", "obl:arg", "obj", "advcl", "acl"):
                return False
            pos = "verb" if head.pos_ in _VERB_POS else "noun"
            for rule in self.book.triggers(_lemma(head), pos):
                if rule.frame in ("threat", "request") and _matches(head, rule):
                    return True
            if _lemma(head) in ("empêcher", "éviter", "dissuader"):
                return True
            child = head
        return False

    def mode_for(self, rule: Trigger, pred: Token, sent: Span) -> str | None:
        # In text order, so that the same text always gives the same mode.
        words = pred.subtree if pred.pos_ == "VERB" else sent
        for tok in words:
            mode = self.book.modes.get(tok.lower_)
            if mode and _MODE_TYPES.get(mode, "ASSAULT") == rule.event:
                return mode
        return rule.mode

    def date_for(self, tok: Token, sent: Span) -> DateMention | None:
        mentions = [m for m in self.sentence_dates(sent) if m.value and not self._names_a_thing(m)]
        if not mentions:
            return self.published_date
        pred = predicate_of(tok)
        inside = {t.idx for t in pred.subtree}
        close = [m for m in mentions if any(m.start <= i < m.end for i in inside)] or mentions
        return min(close, key=lambda m: abs(m.start - tok.idx))

    def _names_a_thing(self, mention: DateMention) -> bool:
        """ "l'accord nucléaire DE 2015", "la constitution de 2008": a date that names a thing, not a time."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ == "nmod" and root.head.pos_ == "NOUN" and prep_of(root) == "de"

    def sentence_dates(self, sent: Span) -> list[DateMention]:
        if sent.start_char not in self._dates:
            base = sent.start_char
            self._dates[base] = [
                DateMention(m.start + base, m.end + base, m.text, m.value, m.precision)
                for m in find_dates(sent.text, self.published)
            ]
        return self._dates[sent.start_char]

    def event(self, kind: str, mode: str | None, actors: list[Entity], recipients: list[Entity],
              date: DateMention | None, loc: Location | None, certainty: str, chain: list[Entity],
              sent: Span, tok: Token) -> Event:
        codes = ",".join(a.code or "?" for a in actors) + ">" + ",".join(r.code or "?" for r in recipients)
        key = f"{self.text_key}:{tok.idx}:{kind}:{codes}"
        # The evidence is the sentence without the line breaks and blanks the parser hangs on its ends
        # (in the parsed text, a sentence the prefilter left out is such a blank).
        raw = sent.text
        evidence = raw.strip()
        start = sent.start_char + len(raw) - len(raw.lstrip())
        return Event(
            id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
            article_id=self.article_id,
            event=kind,  # type: ignore[arg-type]
            mode=mode,
            actor=actors,
            recipient=recipients,
            date=date.value if date else None,
            date_precision=date.precision if date else None,  # type: ignore[arg-type]
            date_text=(date.text or None) if date else None,
            event_loc=loc,
            certainty=certainty,  # type: ignore[arg-type]
            said_by=chain,
            event_text=evidence,
            span=(start, start + len(evidence)),
            language=self.language,
        )

    # -- the article -------------------------------------------------------------------------------
    def run(self) -> list[Event]:
        events: list[Event] = []
        seen: set[tuple] = set()
        for sent in self.doc.sents:
            self._note_subject(sent)
            found = find_triggers(sent, self.book)
            if not found:
                continue
            place = sentence_place(self.ctx.lexicon, sent)
            done: set[int] = set()  # tokens that already gave their event
            for f in found:
                if f.token.i in done:
                    continue
                ev = self.build(f, sent, place)
                if ev is None:
                    continue
                done.add(f.token.i)
                # One record per reading in an article: the same act, as sure, on the same date and at the same
                # place, by the same innermost source is kept once, at its first mention ("le Pentagone", then
                # "Jonathan Hoffman, porte-parole du Pentagone").
                key = (ev.event, tuple(a.code for a in ev.actor), tuple(r.code for r in ev.recipient),
                       ev.certainty, ev.date, ev.event_loc.code if ev.event_loc else None, _source_key(ev.said_by))
                if key not in seen:
                    seen.add(key)
                    events.append(ev)
                self._told[ev.event] = Told(tuple(ev.actor), tuple(ev.recipient), ev.certainty)
                parties = list(dict.fromkeys(e.code for e in (*ev.actor, *ev.recipient) if e.code))
                if ev.event in _PARTIES_ACTS and len(parties) >= 2:
                    self._parties[ev.event] = parties
        return events

    def _note_subject(self, sent: Span) -> None:
        """Keep the last named actor current so that "il" and "elle" resolve."""
        root = sent.root
        for c in root.children:
            if c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ in _NOUN_POS:
                self.ctx.entity(c)
                return
