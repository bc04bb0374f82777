"""Who says so (SPEC §6): reporting verbs, inserted clauses, "selon", citations and quotations."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .cues import Cues
from .entities import ArticleContext
from .records import Entity
from .syntax import (
    DEMONSTRATIVES,
    TIME_WORDS,
    aux_and_self,
    governor,
    has_definite_article,
    phrase_text,
    phrase_tokens,
    predicate_of,
    prep_of,
)

# Edges from an event's clause up to a verb that reports it.
_REPORTED = {"ccomp", "xcomp", "obj", "advcl", "parataxis", "csubj", "conj"}
# Verbs whose object is never their speaker: "accuser la Russie" names the accused.
_NO_INVERSION = {"accuser", "dénoncer", "reprocher", "menacer", "qualifier", "citer", "prévenir", "informer", "alerter"}
_SOURCE_WORDS = {
    "source", "responsable", "diplomate", "porte-parole", "communiqué", "déclaration", "agence", "média",
    "télévision", "journal", "témoin", "expert", "analyste", "observateur", "officiel", "ministère", "chaîne",
    "quotidien", "radio", "site", "presse", "enquêteur", "militant", "habitant", "proche", "entourage",
    "spécialiste", "organisation", "ong", "rapport", "document", "lettre", "message", "statement",
}  # fmt: skip
_QUOTES = re.compile(r"«([^«»]{3,})»|“([^“”]{3,})”|\"([^\"]{3,})\"")


def _speaker_token(verb: Token) -> Token | None:
    """The subject of a reporting verb, inverted subjects included ("..., a annoncé samedi le Kremlin")."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubj:pass") and c.lower_ not in ("qui", "que"):
            return c
        if c.dep_ == "nsubj" and c.lower_ == "qui" and verb.head.i != verb.i:
            # "les autorités QUI affirment que ...": they speak, whatever the parser made of the clause.
            return _relative_antecedent(c, verb.head)
    for c in verb.children:
        if c.dep_ == "expl:subj" and c.lower_ not in ("-t", "t"):
            return c
    passive_participle = "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense")
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and not passive_participle:
        # "Kiev et ses alliés ACCUSENT ...", misparsed as a clause on "alliés": the noun is the speaker.
        head = verb.head
        return head.head if head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN") else head
    if verb.lemma_ in _NO_INVERSION:
        return None
    if verb.dep_ == "conj" and any(c.dep_ == "cc" for c in verb.children):
        # "le Niger dénonce ... ET ANNONCE des mesures": a coordinated verb shares the first one's subject;
        # what follows it is its object, never an inverted subject.
        return _speaker_token(verb.head) if verb.head.i != verb.i else None
    # Inversion: a name right after the verb that the parser took for its object ("a annoncé le Kremlin").
    for c in verb.children:
        if c.i > verb.i and c.dep_ in ("obj", "nsubj", "obl:mod") and not prep_of(c) and (
            c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "PER", "LOC")
            or (c.pos_ == "NOUN" and any(d.dep_ == "det" for d in c.children) and c.lemma_ not in TIME_WORDS)
        ):
            return c
    if verb.dep_ == "conj" and verb.head != verb:
        return _speaker_token(verb.head)
    return None


def _relative_antecedent(qui: Token, parsed: Token) -> Token:
    """ "qui" stands for the noun right before it ("une information confirmée par les autorités QUI
    affirment"), which the parser sometimes passes over for an earlier one."""
    prev = qui.doc[qui.i - 1] if qui.i > 0 else parsed
    if prev.dep_ in ("amod", "flat:name", "flat") and prev.head.i < prev.i:
        prev = prev.head
    return prev if prev.pos_ in ("NOUN", "PROPN") else parsed


def _conjuncts(tok: Token) -> list[Token]:
    """A noun and the nouns coordinated with it, in text order ("le Canada, le Japon et la Corée")."""
    out = [tok]
    # The parser may hang the next conjunct on an adjective of the name ("la Guinée ÉQUATORIALE et le Gabon").
    for c in [tok, *[m for m in tok.children if m.dep_ in ("amod", "flat:name")]]:
        for d in c.children:
            if d.dep_ == "conj" and d.pos_ in ("NOUN", "PROPN"):
                out.extend(_conjuncts(d))
    return sorted(out, key=lambda t: t.i)


def _cited(verb: Token, ctx: ArticleContext, cues: Cues) -> list[Entity]:
    """Inner sources a reporting verb cites: "en citant Moscou", "citant des responsables"."""
    out: list[Entity] = []
    if verb.lemma_ == "apprendre":  # "Reuters a appris DE quatre sources que ..."
        for c in verb.children:
            if c.dep_ in ("obl:arg", "obl:mod", "obl") and prep_of(c) == "de":
                ent = _source_entity(c, ctx, cues)
                if ent:
                    out.append(ent)
    return out + _citing_clauses(verb, ("advcl", "acl", "conj", "xcomp"), ctx, cues)


def _citing_clauses(head: Token, deps: tuple[str, ...], ctx: ArticleContext, cues: Cues) -> list[Entity]:
    """The ones cited by "citant X" / "qui cite X" clauses under `head`."""
    out: list[Entity] = []
    for clause in head.children:
        if clause.dep_ in deps and clause.lemma_ in cues.citing:
            cited = _first_child(clause, ("obj", "obl:arg", "nmod", "obl:mod"))
            ent = _source_entity(cited, ctx, cues) if cited is not None else None
            if ent:
                out.append(ent)
    return out


def _first_child(tok: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _according_to(tok: Token, ctx: ArticleContext, cues: Cues) -> list[Entity]:
    out = []
    for c in tok.children:
        if c.dep_ in ("obl:mod", "obl", "nmod", "obl:arg", "advmod") and prep_of(c) in cues.according_to:
            ent = _source_entity(c, ctx, cues)
            if ent:
                out.append(ent)
                out.extend(_cited_by_source(c, ctx, cues))
    return out


def _cited_by_source(source: Token, ctx: ArticleContext, cues: Cues) -> list[Entity]:
    """ "selon RFI QUI CITE ces militaires", "selon l'agence, CITANT un diplomate": the source's own source."""
    return _citing_clauses(source, ("acl", "acl:relcl"), ctx, cues)


def said_by(trigger: Token, ctx: ArticleContext, cues: Cues) -> list[Entity]:
    """The attribution chain of the event at `trigger`, outermost first."""
    layers: list[list[Entity]] = []  # innermost first while walking up
    pred = predicate_of(trigger)
    if trigger.lemma_ in cues.claiming:
        layers.append(_layer(trigger, ctx, cues))  # "Téhéran a revendiqué les frappes": Téhéran says so
    layers.append(_according_to(pred, ctx, cues) + (_according_to(trigger, ctx, cues) if trigger != pred else []))
    if trigger != pred and _complement_of(trigger, pred) and pred.lemma_ in cues.reporting:
        # "X a annoncé la RUPTURE des relations": the announcer is the source of the nominal event.
        layers.append(_layer(pred, ctx, cues))
    # Inserted reporting clauses that hang below the event verb: "..., a-t-il déclaré".
    layers.extend(_inserted(pred, ctx, cues))
    child, came_by = pred, ""
    while (up := governor(child)) is not None:
        head, edge = up
        # "a annoncé à la télévision QU'ils avaient renversé ...": the "que" clause misread as a relative
        # clause of the oblique before it is still what the verb reports.
        misread = came_by == "acl:relcl" and edge.startswith("obl")
        if edge == "advcl" and any(g.dep_ == "mark" and g.lower_ in cues.aside_marks for g in child.children):
            break  # "..., TANDIS QUE le président dénonçait ...": a clause of its own, not what is reported
        if edge == "conj" and _finite(child) and not any(c.dep_.startswith("nsubj") for c in child.children):
            # "Il prétend X ET MENACE de ...", "a menacé de riposter ET A ENCERCLÉ ...": a finite verb sharing
            # the subject of the one it is coordinated with (the first finite verb above, when the parser hung
            # it on an infinitive) is the speaker's own act, not what that verb reports. ("a annoncé X mais
            # suspendu Y", one auxiliary for both, still reports Y.)
            while not _finite(head) and (above := governor(head)) is not None and above[0].i != head.i:
                head = above[0]
            layers.append(_according_to(head, ctx, cues))
            child, came_by = head, edge
            continue
        if (edge in _REPORTED | {"obl:arg"} or misread) and head.lemma_ in cues.reporting and head.pos_ == "VERB":
            layers.append(_layer(head, ctx, cues))
        elif edge not in _REPORTED and edge not in ("obl:arg", "acl", "acl:relcl"):
            break
        came_by = edge
        layers.append(_according_to(head, ctx, cues))
        child = head
    chain: list[Entity] = []
    for layer in reversed(layers):
        chain.extend(layer)
    if not chain:
        speaker = ctx.speaker_at(trigger.idx)
        if speaker:
            chain.append(speaker)
    if not chain:
        chain = _according_to_in_sentence(trigger, ctx, cues)
    return _dedupe(chain)


def _complement_of(trigger: Token, pred: Token) -> bool:
    """A noun the verb takes as what it says: "a annoncé LA RUPTURE", "a démenti être à l'origine DES TIRS"
    (a noun within its object), not one in its subject or in an adjunct of time or place."""
    if trigger.head.i == pred.i and trigger.dep_ in ("obl:mod", "obl") and prep_of(trigger) is None:
        return True  # a bare noun after a date is often parsed as a modifier: "a annoncé mardi 24 août LA RUPTURE"
    step = trigger
    while step.head.i != pred.i:
        if step.dep_ not in ("nmod", "obl:arg", "obj") or step.head.i == step.i:
            return False
        step = step.head
    # "s'expliquer SUR des critiques" is what it is about, not what is said.
    return step.dep_ == "obj" or (step.dep_ == "obl:arg" and prep_of(step) in ("de", "à"))


def _inserted(verb: Token, ctx: ArticleContext, cues: Cues) -> list[list[Entity]]:
    """Reporting clauses inserted after a verb ("..., a-t-il déclaré", "..., selon lui, a ajouté X")."""
    out = []
    for c in verb.children:
        # Not a subordinate clause: "convoqué l'ambassadeur POUR QU'il s'explique" is a purpose, not a source.
        subordinate = any(g.dep_ == "mark" for g in c.children)
        # Nor a verb coordinated by "et" that shares the subject: "la Chine dénonce X ET ANNONCE Y" tells two
        # acts of one actor.
        coordinated = (
            c.dep_ == "conj"
            and any(g.dep_ == "cc" for g in c.children)
            and not any(g.dep_.startswith("nsubj") for g in c.children)
        )
        if (
            c.dep_ in ("parataxis", "advcl", "conj") and c.lemma_ in cues.reporting and c.i > verb.i
            and not subordinate and not coordinated
        ):
            out.append(_layer(c, ctx, cues))
    return out


def _finite(verb: Token) -> bool:
    """A verb with its own tense ("et menace", "et a encerclé"), not an infinitive or a bare participle."""
    return any("Fin" in t.morph.get("VerbForm") for t in aux_and_self(verb))


def _according_to_in_sentence(trigger: Token, ctx: ArticleContext, cues: Cues) -> list[Entity]:
    """ "Selon la télévision d'État, l'attaque est une vengeance": a "selon" set off at the sentence's edge
    covers the whole sentence, wherever the parser attached it."""
    sent = trigger.sent
    for tok in sent:
        word = tok.lower_
        if word in ("d'", "d’") and tok.i + 1 < sent.end:
            word += tok.nbor().lower_
        if word not in cues.according_to:
            continue
        phrase = tok.head
        if trigger in phrase.subtree and not _clause_hung_on(phrase, trigger):
            continue  # "la source SELON laquelle ..." names what the event is, not who says it
        if tok.i == sent.start or _after_comma(tok):
            ent = _source_entity(phrase, ctx, cues)
            if ent and _is_source(ent, phrase):
                return [ent, *_cited_by_source(phrase, ctx, cues)]
    return []


def _clause_hung_on(phrase: Token, trigger: Token) -> bool:
    """ "d'après les médias, 20 diplomates SERONT EXPULSÉS": the clause the parser coordinated with the source."""
    return any(c.dep_ == "conj" and c.pos_ == "VERB" and trigger in c.subtree for c in phrase.children)


def _after_comma(tok: Token) -> bool:
    """At the head of a clause: after a comma, a dash, or "et"/"mais" ("... se précise ET D'APRÈS les médias, ...")."""
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in (",", "(", "—", "–", "et", "mais")


def _layer(verb: Token, ctx: ArticleContext, cues: Cues) -> list[Entity]:
    out: list[Entity] = []
    who = _speaker_token(verb)
    # Speakers named together all say it, in the order named: "le Canada, le Japon et la Corée ont déclaré".
    for speaker in _conjuncts(who) if who is not None else []:
        ent = _source_entity(speaker, ctx, cues)
        if ent and _is_source(ent, speaker):
            out.append(ent)
    out.extend(_cited(verb, ctx, cues))
    if verb.lemma_ in cues.citing and out:
        # "RFI, QUI CITE ces militaires, ...": the one cited is the inner source of what the citer reports.
        cited = _first_child(verb, ("obj", "obl:arg"))
        ent = _source_entity(cited, ctx, cues) if cited is not None else None
        if ent and _is_source(ent, cited):
            out.append(ent)
    out.extend(_according_to(verb, ctx, cues))
    return out


# What a statement, a broadcast or an outlet of the state says, its issuer says: "un communiqué lu PAR LES
# MILITAIRES", "la télévision D'ÉTAT".
_ISSUED = {"communiqué", "déclaration", "télévision", "radio", "radio-télévision", "chaîne", "lettre", "message",
           "vidéo", "texte", "document", "agence", "ondes"}
_OF_THE_STATE = {"état", "etat", "nationale", "national", "publique", "public", "officielle", "officiel"}


def _source_entity(tok: Token, ctx: ArticleContext, cues: Cues, depth: int = 0) -> Entity | None:
    if tok.text in cues.platforms:
        return None  # "a affirmé SUR TELEGRAM": a platform carries what someone says, it says nothing
    if depth == 0 and _anaphoric(tok, cues):
        earlier = _earlier_source(tok, ctx, cues)
        if earlier is not None:
            return earlier
    ent = ctx.entity(tok, remember=False)
    if ent is None:
        return None
    if ent.code and tok.pos_ == "NOUN" and _unnamed_one(tok, ctx):
        # "selon UN diplomate", "des responsables": an unnamed source of no stated country keeps its words and
        # no code (SPEC §6), rather than the country the passage happens to be about.
        return Entity(entity_text=ent.entity_text, sector=ent.sector)
    channel = tok.lemma_.lower() in cues.channels or ent.name in cues.platforms
    if channel and ent.name in cues.platforms:
        ent = Entity(entity_text=ent.entity_text, code=ent.code, sector=ent.sector)
    if not channel and (ent.code or ent.name or tok.lemma_.lower() not in _ISSUED):
        return ent  # a named outlet ("la radio publique RFI") speaks for itself
    for c in [*tok.subtree, *_misattached_complement(tok)]:
        complement = c.dep_ in ("obl:agent", "obl", "obl:arg", "nmod", "obl:mod")
        if c.i != tok.i and complement and prep_of(c) in ("par", "de"):
            # "un communiqué lu par la télévision d'État", "le canal Telegram de la présidence": the issuer's
            # own issuer counts ("la télévision d'État" is the state's).
            issuer = _source_entity(c, ctx, cues, depth + 1) if depth < 2 else ctx.entity(c, remember=False)
            if issuer is not None and issuer.code:
                return Entity(entity_text=ent.entity_text, code=issuer.code, sector=issuer.sector,
                              name=ent.name if not channel else issuer.name)
    if ent.code:
        return ent
    if depth == 0 and has_definite_article(tok):
        earlier = _earlier_issuer(tok, ctx, cues)
        if earlier is not None:
            return Entity(entity_text=ent.entity_text, code=earlier.code, sector=earlier.sector, name=ent.name)
    words = phrase_tokens(tok)
    if {t.lower_ for t in words} & _OF_THE_STATE:
        if any(t.pos_ == "PROPN" and t.is_title and t.i > tok.i for t in words):
            return ent  # "la télévision publique saoudienne Al Ekhbariya": a named outlet speaks for itself
        if ctx.focus:  # "la télévision d'État": the state the article is about
            return Entity(entity_text=ent.entity_text, code=ctx.focus, sector="GOV", name=ent.name)
    return ent


# How far back a source pointed back to may have been cited, in sentences.
ANAPHORA_REACH = 4


def _anaphoric(tok: Token, cues: Cues) -> bool:
    """ "la même source", "cette source", "cette dernière": words for a source the article has just cited."""
    if tok.lemma_.lower() not in cues.anaphoric_sources:
        return False
    return any(
        (c.dep_ == "det" and c.lower_ in DEMONSTRATIVES) or (c.dep_ == "amod" and c.lower_ == "même")
        for c in tok.children
    )


def _earlier_source(tok: Token, ctx: ArticleContext, cues: Cues) -> Entity | None:
    """The last source cited before `tok`, by "selon X" or as the speaker of a reporting verb, within a few
    sentences."""
    first = tok.sent.start
    for _ in range(ANAPHORA_REACH):
        if first == 0:
            break
        first = tok.doc[first - 1].sent.start
    for before in reversed(tok.doc[first : tok.i]):
        if prep_of(before) in cues.according_to:
            cited = before
        elif before.lemma_ in cues.reporting and before.pos_ == "VERB":
            cited = _speaker_token(before)
        else:
            continue
        if cited is None or _anaphoric(cited, cues):
            continue
        ent = _source_entity(cited, ctx, cues, depth=1)
        if ent is not None and _is_source(ent, cited):
            return ent
    return None


_JOINT = {"conjoint", "commun", "tripartite", "bilatéral", "trilatéral"}


def _earlier_issuer(tok: Token, ctx: ArticleContext, cues: Cues) -> Entity | None:
    """ "selon LE communiqué": the issuer of the last statement of that name before it ("un communiqué DU
    GOUVERNEMENT", "a assuré DANS UN COMMUNIQUÉ")."""
    for before in reversed(tok.doc[: tok.i]):
        if before.lemma_.lower() != tok.lemma_.lower():
            continue
        if any(c.lemma_.lower() in _JOINT for c in before.children):
            return None  # "un communiqué CONJOINT": several issuers, no one code; it keeps its name
        ent = _source_entity(before, ctx, cues, depth=1)
        if ent is not None and ent.code:
            return ent
        # "ont assuré DANS UN COMMUNIQUÉ", "a publié UN COMMUNIQUÉ": the speakers of that clause issued it.
        if (before.dep_.startswith("obl") and prep_of(before) == "dans") or before.dep_ == "obj":
            who = _speaker_token(before.head)
            speakers = _conjuncts(who) if who is not None else []
            ent = ctx.entity(speakers[0], remember=False) if speakers else None
            if ent is not None and ent.code and len(speakers) == 1:
                return ent  # issued by several, it has no one code
        return None
    return None


_INDEFINITE = {"un", "une", "des", "plusieurs", "certains", "certaines", "deux", "trois", "quatre"}
_INFORMANTS = {"diplomate", "source", "responsable", "officiel", "fonctionnaire", "observateur", "témoin"}


def _unnamed_one(tok: Token, ctx: ArticleContext) -> bool:
    """An indefinite informant whose own words name no state or body ("un diplomate sous couvert d'anonymat";
    not "une source DU MINISTÈRE", nor "des militaires", who act for their state)."""
    if tok.lemma_.lower() not in _INFORMANTS or any(c.dep_ == "nmod" and prep_of(c) == "de" for c in tok.children):
        return False
    if not any(c.dep_ in ("det", "nummod") and c.lower_ in _INDEFINITE for c in tok.children):
        return False
    actor = ctx.lexicon.resolve(phrase_text(phrase_tokens(tok)))
    return actor is not None and actor.generic and not actor.code


def _misattached_complement(tok: Token) -> list[Token]:
    """The "de"/"par" phrase right after a noun that the parser hung on the verb instead ("a annoncé un
    communiqué lu PAR LA TÉLÉVISION", "a indiqué le canal DE LA PRÉSIDENCE")."""
    nxt = tok.right_edge.i + 1
    if nxt >= len(tok.doc) or tok.doc[nxt].dep_ != "case":
        return []
    phrase = tok.doc[nxt].head
    return [phrase] if phrase.head.i == tok.head.i and phrase.i > tok.i else []


def _is_source(ent: Entity, tok: Token) -> bool:
    """A speaker is a state, a body, an outlet, a person or a word for a source, not any noun phrase."""
    if ent.code or ent.sector:
        return True
    if tok.ent_type_ in ("PER", "ORG"):
        return True
    return tok.lemma_.lower() in _SOURCE_WORDS


def _dedupe(chain: list[Entity]) -> list[Entity]:
    out: list[Entity] = []
    for ent in chain:
        key = ent.code or ent.entity_text.lower()
        if out and (out[-1].code or out[-1].entity_text.lower()) == key:
            continue
        out.append(ent)
    return out


def find_quote_speakers(doc: Doc, ctx: ArticleContext, cues: Cues) -> list[tuple[int, int, Entity]]:
    """Quotations and who speaks them: the reporting verb right after the closing mark, or before the opening."""
    out: list[tuple[int, int, Entity]] = []
    for m in _QUOTES.finditer(ctx.text):
        start, end = m.span()
        speaker = _speaker_near(doc, start, end, ctx, cues)
        if speaker is None and out:
            speaker = _continued(doc, start, out[-1], ctx, cues)
        if speaker is not None:
            out.append((start, end, speaker))
    return out


def _continued(doc: Doc, start: int, last: tuple[int, int, Entity], ctx: ArticleContext, cues: Cues) -> Entity | None:
    """Quoted words with no speaker of their own, in a sentence that names none, right after quoted words
    someone was given for: a run of quotation goes on in the same voice ("..." , selon l'agence. Les
    "manifestants se sont ensuite rassemblés" ...)."""
    here = doc.char_span(start, start + 1, alignment_mode="expand")
    if here is None or not len(here):
        return None
    sent = here[0].sent
    if sent.start == 0 or any(_introduces_speaker(t, cues) for t in sent):
        return None
    if last[0] >= sent.start_char:
        return last[2]  # the sentence's earlier quotation was given a speaker
    # Only a sentence whose own statement is quoted goes on quoting: not 'X a promis des « actions »'.
    statement_quoted = start <= sent.root.idx < start + len(_quoted_at(ctx.text, start))
    previous = doc[sent.start - 1].sent
    return last[2] if statement_quoted and last[1] > previous.start_char else None


def _quoted_at(text: str, start: int) -> str:
    m = _QUOTES.match(text, start)
    return m.group(0) if m else ""


def _introduces_speaker(tok: Token, cues: Cues) -> bool:
    """A word by which a sentence names a speaker: a reporting verb, "selon", a colon before a quotation."""
    return (tok.lemma_ in cues.reporting and tok.pos_ == "VERB") or tok.lower_ in cues.according_to or tok.text == ":"


def _speaker_near(doc: Doc, start: int, end: int, ctx: ArticleContext, cues: Cues) -> Entity | None:
    after = doc.char_span(end, min(len(ctx.text), end + 80), alignment_mode="expand")
    if after is not None:
        for tok in after:
            if ctx.sentence_chars(tok)[0] > end + 3:
                break
            if tok.lower_ in cues.according_to and tok.i > 0 and tok.nbor(-1).text == ",":
                # "«...», selon l'agence": the one cited speaks the quotation.
                return _source_entity(tok.head, ctx, cues) if tok.head.i != tok.i else None
            if tok.lemma_ in cues.reporting and tok.pos_ == "VERB":
                who = _speaker_token(tok)
                if who is not None and who.pos_ == "PRON":
                    # "«...», a-t-il déclaré": "il" is whoever was named before the quotation opened.
                    return ctx.antecedent(start)
                if who is not None:
                    return _source_entity(who, ctx, cues)
    before = doc.char_span(max(0, start - 120), start, alignment_mode="expand")
    if before is not None:
        for tok in reversed(list(before)):
            if tok.lemma_ in cues.reporting and tok.pos_ == "VERB" and ctx.sentence_chars(tok)[1] >= start:
                who = _speaker_token(tok)
                if who is not None:
                    return _source_entity(who, ctx, cues)
    return None


__all__ = ["find_quote_speakers", "said_by"]
