"""How sure the article is of an event (SPEC §5): asserted, hedged, denied or planned."""

from __future__ import annotations

import itertools

from spacy.tokens import Span, Token

from .cues import Cues
from .syntax import QUE, aux_and_self, governor, is_reflexive, path_below, predicate_of, prep_of

# Edges along which a governing verb frames what its complement says ("a démenti AVOIR livré").
_FRAMING = {"xcomp", "ccomp", "obj", "advcl", "csubj", "obl:arg"}
# Edges along which the governing verb's own tense and negation carry over (infinitive complements).
_INHERIT = {"xcomp", "obj", "obl:arg"}


def _has(tok: Token, feature: str, value: str) -> bool:
    return value in tok.morph.get(feature)


def _negated(verb: Token, cues: Cues) -> bool:
    kids = list(verb.children)
    infinitive = "Inf" in verb.morph.get("VerbForm")
    if any(c.lower_ == "sans" and (c.dep_ == "mark" or (c.dep_ == "case" and infinitive)) for c in kids):
        return True  # "sans signer d'accord", "sans qu'un accord ait été conclu" (not "sans le jeune opposant")
    has_ne = any(c.lower_ in ("ne", "n'", "n’") for c in kids)
    return (has_ne and any(c.lower_ in cues.negation for c in kids)) or any(
        c.dep_ == "advmod" and c.lower_ in ("jamais", "nullement") for c in kids
    )


_FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont")
_IRREGULAR_FUTURE = (
    "ser", "aur", "ir", "fer", "pourr", "devr", "viendr", "verr", "tiendr", "faudr", "voudr", "saur", "enverr",
)


def _is_future(tok: Token) -> bool:
    """Future tense; the morphologizer often tags it present ("nous continuerons")."""
    if "Fut" in tok.morph.get("Tense"):
        return True
    if "Fin" not in tok.morph.get("VerbForm") or _is_conditional(tok):
        return False
    word, lemma = tok.lower_, tok.lemma_.lower()
    stems = (lemma[:-1] if lemma.endswith("re") else lemma, *_IRREGULAR_FUTURE)
    return any(word == stem + ending for stem in stems for ending in _FUTURE_ENDINGS)


_CONDITIONAL_ENDINGS = ("ais", "ait", "ions", "iez", "aient")


def _is_conditional(tok: Token) -> bool:
    """Conditional mood; the morphologizer often tags it imperfect or present ("livrerait", "enverraient"):
    the future stem with the imperfect's endings settles it."""
    if "Cnd" in tok.morph.get("Mood"):
        # Every conditional ends in "r" and an imperfect ending; the tagger also marks some imperfects
        # Cnd ("menaçait").
        return any(tok.lower_.endswith("r" + ending) for ending in _CONDITIONAL_ENDINGS)
    if "Fin" not in tok.morph.get("VerbForm"):
        return False
    word, lemma = tok.lower_, tok.lemma_.lower()
    stems = (lemma[:-1] if lemma.endswith("re") else lemma, *_IRREGULAR_FUTURE)
    return any(word == stem + ending for stem in stems for ending in _CONDITIONAL_ENDINGS)


def _mood(verb: Token, cues: Cues) -> str | None:
    """What the verb's own form says: conditional -> hedged, future -> planned, negation -> denied."""
    if _negated(verb, cues):
        return "denied"
    forms = aux_and_self(verb)
    # A conditional inside a "si" clause is a hypothesis, not the journalist's hedge; still not asserted.
    if any(_is_conditional(t) for t in forms):
        if _narrated_later(verb, forms, cues):
            return None
        return "planned" if _future_in_the_past(verb, forms, cues) else "hedged"
    if any(_is_future(t) for t in forms):
        return "planned"
    return None


def _narrated_later(verb: Token, forms: list[Token], cues: Cues) -> bool:
    """ "où il SERAIT ARRÊTÉ PEU APRÈS": a simple conditional with an adverb of a later time narrates what
    came next. The compound conditional ("il aurait été arrêté peu après") still hedges."""
    if any(t.dep_ == "aux:tense" and _is_conditional(t) for t in forms):
        return False
    clause, stack = [verb], list(verb.children)
    while stack:  # the verb's own clause, not the clauses under it
        tok = stack.pop()
        if not tok.dep_.startswith(("acl", "ccomp", "advcl", "conj", "xcomp", "parataxis")):
            clause.append(tok)
            stack.extend(tok.children)
    words = [t.lower_ for t in sorted(clause, key=lambda t: t.i)]
    return any(_contains(words, phrase) for phrase in cues.afterwards)


def _future_in_the_past(verb: Token, forms: list[Token], cues: Cues) -> bool:
    """ "Il a annoncé que des négociations SERAIENT ORGANISÉES": after a reporting verb in the past, the
    simple conditional is the future of reported speech, not a hedge. The compound one ("l'Iran AURAIT
    DEMANDÉ") still reports a past act with reserve."""
    if any(t.dep_ == "aux:tense" and _is_conditional(t) for t in forms):
        return False
    clause = verb
    # "a soutenu que X ... ET QUE des négociations seraient organisées": a second "que" clause, joined to the first.
    while clause.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ in QUE for c in clause.children):
        clause = clause.head
        while clause.pos_ != "VERB" and clause.head != clause:  # the parser may join it to the first one's object
            clause = clause.head
    up = governor(clause)
    if up is None or up[1] != "ccomp":
        return False
    head = up[0]
    if head.lemma_ not in cues.reporting:
        return False
    past_aux = any(c.dep_ == "aux:tense" and not _is_conditional(c) for c in head.children)
    return past_aux or _has(head, "Tense", "Imp") or _has(head, "Tense", "Past")


def _frame(lemma: str, cues: Cues) -> str | None:
    if lemma in cues.deny:
        return "denied"
    if lemma in cues.hedge_verbs:
        return "hedged"
    if lemma in cues.plan_verbs:
        return "planned"
    return None


_QUOTE_MARKS = {"«", "»", '"', "“", "”", "‘", "’"}
# Nouns that present what they introduce as a claim: "des RAPPORTS d'attaques", "les ALLÉGATIONS de torture".
_CLAIM_NOUNS = {"rapport", "information", "allégation", "accusation", "rumeur", "soupçon", "affirmation", "thèse"}


def _scare_quoted(trigger: Token) -> bool:
    """ "a été « arrêtée »": a single word set in quotation marks is the writer keeping their distance."""
    doc = trigger.doc
    before = doc[trigger.i - 1] if trigger.i > 0 else None
    after = doc[trigger.i + 1] if trigger.i + 1 < len(doc) else None
    return bool(before is not None and after is not None and before.text in _QUOTE_MARKS and after.text in _QUOTE_MARKS)


def _reported_as_claim(trigger: Token) -> bool:
    """ "des rapports D'attaques": the event is what the claim is of. Not "en rapport AVEC la fourniture",
    "par rapport À", where the noun is part of a locution."""
    head = trigger.head
    return (trigger.pos_ == "NOUN" and trigger.dep_ == "nmod" and head.lemma_.lower() in _CLAIM_NOUNS
            and prep_of(trigger) == "de")


_DENY_FORMS = {"dément", "démentent", "nie", "nient", "conteste", "contestent", "réfute", "réfutent"}


def _denied_after(trigger: Token, sent: Span, cues: Cues) -> bool:
    """ "Des soldats ont abattu un drone, ce que Minsk dément": a denial tacked on after the clause."""
    if trigger.lemma_ in cues.hedge_verbs and any(
        (up := governor(t)) is not None and up[0].i == trigger.i and up[1] in ("xcomp", "ccomp")
        for t in trigger.subtree
    ):
        return False  # "X a accusé Y d'avoir tiré, ce que Y dément": the shot is denied, not the accusation
    for tok in sent:
        # The tagger often reads "dément" as the adjective ("insane"); the word form settles it here.
        if tok.i <= trigger.i or (tok.lemma_ not in cues.deny and tok.lower_ not in _DENY_FORMS):
            continue
        before = [t.lower_ for t in tok.doc[max(tok.i - 6, trigger.i + 1, sent.start) : tok.i]]
        if any(w == "ce" and nxt in ("que", "qu'", "qu’") for w, nxt in itertools.pairwise(before)):
            return True
    return False


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


# A nominal event inside one of these is a fact that dates the clause, not something the clause frames.
_TIME_HEADS = {"issue", "suite", "lendemain", "terme", "veille", "lors", "cours", "fin", "après", "depuis"}


def _time_adjunct(trigger: Token, pred: Token) -> bool:
    for tok in path_below(trigger, pred):
        if tok.lemma_.lower() in _TIME_HEADS or any(
            c.dep_ == "case" and c.lower_ in ("après", "depuis", "lors") for c in tok.children
        ):
            return True
    return False


_PRONOUNS = {"il", "elle", "celui-ci", "celle-ci"}


def _plan_noun(tok: Token, cues: Cues) -> bool:
    """A plan noun, or a pronoun for the one that is the subject of the sentence before ("L'accord entre
    en vigueur lundi. IL porte sur ...")."""
    if tok.lemma_.lower() in cues.plan_nouns:
        return True
    sent = tok.sent
    if tok.lower_ not in _PRONOUNS or sent.start == 0:
        return False
    before = tok.doc[sent.start - 1].sent
    return any(t.dep_ in ("nsubj", "nsubj:pass") and t.head.dep_ == "ROOT" and t.lemma_.lower() in cues.plan_nouns
               for t in before)


def content_of_plan(trigger: Token, cues: Cues) -> bool:
    """ "un accord SUR le retrait", "le plan DE retrait", "le texte COMPREND le retrait": a nominal event
    that an agreement or plan provides for has not happened yet."""
    top = trigger
    while top.dep_ == "conj" and top.head.pos_ != "VERB":  # "sur une trêve et sur LE RETRAIT"
        top = top.head
    head = top.head
    if head is top:
        return False
    edge = top.dep_
    if edge == "conj" and head.pos_ == "VERB" and top.pos_ == "NOUN":
        edge = "obl:arg"  # "porte sur une trêve et sur LE RETRAIT" hung on the verb: a noun is no verb's conjunct
    if prep_of(top) in ("sur", "de", "pour"):
        if edge == "nmod" and head.lemma_.lower() in cues.plan_nouns:
            return True
        # "a adopté un accord SUR LE RETRAIT": the parser often hangs the phrase on the verb; right after the
        # plan noun's phrase, it is still that noun's complement.
        if edge.startswith("obl") and any(c.lemma_.lower() in cues.plan_nouns and c.right_edge.i + 1 == top.left_edge.i
                                          for c in head.children if c.dep_ in ("obj", "nsubj", "nsubj:pass")):
            return True
    if edge in ("obj", "obl:arg") and head.pos_ == "VERB" and head.lemma_.lower() in cues.content_verbs:
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if not subjects and head.dep_ == "acl":  # "un plan COMPRENANT le retrait"
            subjects = [head.head]
        return any(_plan_noun(s, cues) for s in subjects)
    return False


def _scheduled(noun: Token, pred: Token, cues: Cues) -> bool:
    """ "la réunion EST PRÉVUE lundi"; "une réunion du Conseil sur X PRÉVUE de longue date", where the parser
    hangs the participle on the nearer noun: it still agrees with the event noun."""
    if noun.dep_.startswith("nsubj") and noun.head == pred and pred.lower_ in cues.plan_words:
        return True
    gender, number = noun.morph.get("Gender"), noun.morph.get("Number")

    def agrees(tok: Token) -> bool:
        # A participle agrees with its noun: "le sommet sur la crise PRÉVUE" is about the crisis.
        return (not gender or tok.morph.get("Gender") in ([], gender)) and (
            not number or tok.morph.get("Number") in ([], number))

    return any(tok.lower_ in cues.plan_words and (tok.head == noun or tok.dep_ == "acl") and agrees(tok)
               for tok in noun.subtree)


def certainty_of(trigger: Token, cues: Cues, sent: Span) -> str:
    """Denied over hedged over planned over asserted, read from the trigger's clause and the verbs above it."""
    found: set[str] = set()
    own_plan = False  # "une réunion PRÉVUE ...", "la visite EST PROGRAMMÉE pour mars"
    pred = predicate_of(trigger)
    if trigger.pos_ == "NOUN":
        if any(c.dep_ == "det" and c.lower_ in ("aucun", "aucune", "nul", "nulle") for c in trigger.children):
            found.add("denied")
        own_plan = _scheduled(trigger, pred, cues)
        if own_plan or content_of_plan(trigger, cues):
            found.add("planned")
    if trigger.pos_ == "NOUN" and _time_adjunct(trigger, pred):
        pred = trigger  # "vouloir rétablir leurs relations À L'ISSUE DE POURPARLERS": the talks took place
    mood = _mood(pred, cues) if pred.pos_ in ("VERB", "AUX") else None
    if mood:
        found.add(mood)
    if pred != trigger and trigger.pos_ == "NOUN":
        # "X a démenti toute livraison", "a démenti être à l'origine des tirs": the verb above frames it,
        # unless the noun is that verb's subject.
        f = _frame(pred.lemma_, cues)
        if f == "planned" and pred.lemma_ in cues.plan_infinitive_only and not is_reflexive(pred):
            f = None  # "peut entendre des manifestants", "engager des pourparlers": no intention here
        if f and not any(t.dep_.startswith("nsubj") for t in path_below(trigger, pred)):
            found.add(f)
    child = pred
    adjunct = False  # whether the walk has come up through an adverbial clause
    for _ in range(4):
        up = governor(child)
        if up is None:
            break
        head, edge = up
        if edge == "conj":
            child = head
            continue
        if edge in ("acl", "acl:relcl") and head.lemma_.lower() in _CLAIM_NOUNS:
            # "les accusations SELON LESQUELLES l'armée avait bombardé": a claim, framed by the verb above it
            # ("le Kremlin a rejeté les accusations ...").
            found.add("hedged")
            child = head
            continue
        if edge not in _FRAMING:
            break
        adjunct = adjunct or edge == "advcl"
        f = _frame(head.lemma_, cues)
        if f and not (adjunct and f != "planned"):
            # "a nié être responsable, PARLANT d'un incident": an adverbial clause below is a statement of its
            # own, not what is denied or alleged; a purpose clause still shares a plan ("se prépare à ... POUR").
            found.add(f)
        if edge in _INHERIT:
            mood = _mood(head, cues)
            if mood:
                found.add(mood)
        elif any(_is_conditional(t) for t in aux_and_self(head)):
            found.add("hedged")
        child = head
    if _denied_after(trigger, sent, cues):
        found.add("denied")
    if _scare_quoted(trigger) or _reported_as_claim(trigger):
        found.add("hedged")
    words = [t.lower_ for t in sent]
    if cues.hedge_words.intersection(words) or any(_contains(words, p) for p in cues.hedge_phrases):
        found.add("hedged")
    if own_plan and "denied" not in found:
        # The event is said to be scheduled; a modal in its clause ("prévue de longue date, elle POURRAIT être
        # avancée") is about the schedule, not about whether it will take place.
        return "planned"
    for level in ("denied", "hedged", "planned"):
        if level in found:
            return level
    return "asserted"
