"""French articles for the store tests, generated from sentences written for these tests.

`corpus(n)` gives `n` distinct articles (ids `gen-000`, ...), each a handful of sentences about a pair of
countries, dated in 2024. The same `n` always gives the same articles.
"""

from __future__ import annotations

import random

# name, article + name, masculine adjective, feminine adjective
COUNTRIES = [
    ("France", "la France", "français", "française"),
    ("Allemagne", "l'Allemagne", "allemand", "allemande"),
    ("Italie", "l'Italie", "italien", "italienne"),
    ("Espagne", "l'Espagne", "espagnol", "espagnole"),
    ("Pologne", "la Pologne", "polonais", "polonaise"),
    ("Russie", "la Russie", "russe", "russe"),
    ("Ukraine", "l'Ukraine", "ukrainien", "ukrainienne"),
    ("Turquie", "la Turquie", "turc", "turque"),
    ("Maroc", "le Maroc", "marocain", "marocaine"),
    ("Algérie", "l'Algérie", "algérien", "algérienne"),
    ("Sénégal", "le Sénégal", "sénégalais", "sénégalaise"),
    ("Japon", "le Japon", "japonais", "japonaise"),
    ("Chine", "la Chine", "chinois", "chinoise"),
    ("Inde", "l'Inde", "indien", "indienne"),
    ("Brésil", "le Brésil", "brésilien", "brésilienne"),
    ("Canada", "le Canada", "canadien", "canadienne"),
    ("Égypte", "l'Égypte", "égyptien", "égyptienne"),
    ("Iran", "l'Iran", "iranien", "iranienne"),
]

# {a}/{b}: the two countries with their article; {am}/{bm}: masculine adjectives; {af}/{bf}: feminine ones
SENTENCES = [
    "Le gouvernement {am} a accusé {b} de soutenir des groupes armés près de la frontière.",
    "Le ministre {am} des Affaires étrangères s'est entretenu mardi avec son homologue {bm}.",
    "La police {af} a arrêté une vingtaine de manifestants devant le Parlement.",
    "{A} a expulsé un diplomate {bm} accusé d'espionnage.",
    "Les deux pays ont signé jeudi un accord de coopération sur la pêche.",
    "{A} a rejeté la proposition de trêve présentée par {b}.",
    "L'armée {af} a déployé des blindés le long de la frontière orientale.",
    "{A} va envoyer une aide alimentaire à {b} le mois prochain.",
    "Le président {am} a condamné les frappes menées contre des civils.",
    "Des milliers de personnes ont manifesté dans la capitale {af} contre la hausse des prix.",
    "{A} a demandé à {b} de libérer les marins détenus depuis l'été.",
    "Le Premier ministre {am} a salué la décision de {b} de rouvrir son ambassade.",
]


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def article(i: int) -> dict:
    rng = random.Random(i)
    (_, a, am, af), (_, b, bm, bf) = rng.sample(COUNTRIES, 2)
    picked = rng.sample(SENTENCES, 4)
    sentences = [s.format(a=a, A=_capital(a), b=b, am=am, bm=bm, af=af, bf=bf) for s in picked]
    month, day = 1 + i % 12, 1 + i % 28
    return {
        "id": f"gen-{i:03d}",
        "date": f"2024-{month:02d}-{day:02d}",
        "lang": "fr",
        "url": f"https://journal.example.org/2024/{month:02d}/article-{i}",
        "title": f"Tensions entre {a} et {b}",
        "text": " ".join(sentences),
    }


def corpus(n: int, start: int = 0) -> list[dict]:
    return [article(i) for i in range(start, start + n)]
