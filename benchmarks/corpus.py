"""A reproducible corpus of realistic Danish news-length articles for benchmarks.

Each article (about 300-600 words) is built from templates: a headline, then
paragraphs that mix ordinary prose (quotes, background, numbers that are not
times: ages, amounts, scores, paragraphs of law) with sentences carrying many
kinds of time expressions (deictic days, weekdays, dates, months, years,
decades, weeks, quarters, seasons, holidays, clock times, offsets, anaphora,
durations, sets, modifiers). The same seed always gives the same corpus.

Publication times come at every precision the engine accepts, in a realistic
mix (most articles carry a time stamp, a few only a day, month or year).

Use as a library (``generate(n, seed)``) or from the command line::

    python benchmarks/corpus.py --docs 1000 --out corpus/          # .txt files with a date header
    python benchmarks/corpus.py --docs 100000 --out corpus.jsonl   # one JSON row per article
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

DEFAULT_SEED = 20200108
# (precision, weight): most news carries a time stamp; archives sometimes only a day, month or year.
PRECISIONS: tuple[tuple[str, int], ...] = (("minute", 80), ("day", 15), ("month", 4), ("year", 1))


@dataclass(frozen=True, slots=True)
class Article:
    """One generated news article."""

    id: str
    published: str
    text: str

    def as_json(self) -> str:
        return json.dumps({"id": self.id, "published": self.published, "text": self.text}, ensure_ascii=False)

    def as_txt(self) -> str:
        """The ``.txt`` form the ``timeline`` CLI reads: a ``date`` header, then the text."""
        return f"date {self.published} {self.text}\n"


# ------------------------------------------------------------------ vocabulary

SUBJECTS = (
    "Regeringen", "Politiet", "Statsministeren", "Byrådet i Aarhus", "DMI", "Forsvaret", "Folketinget",
    "Novo Nordisk", "FC København", "Brøndby", "Region Hovedstaden", "Københavns Kommune", "Vejdirektoratet",
    "Sundhedsstyrelsen", "Finansministeren", "Dansk Industri", "Fagbevægelsen", "Kulturministeriet",
    "Nationalbanken", "DSB", "Landsretten", "Anklagemyndigheden", "Beredskabet", "Energinet",
    "Udenrigsministeriet", "Rigspolitiet", "Skattestyrelsen", "Danske Bank", "Mærsk", "Vestas",
)
PEOPLE = (
    "Mette Frederiksen", "Jakob Ellemann-Jensen", "Lars Løkke Rasmussen", "Pia Olsen Dyhr", "Jens Kristensen",
    "Anne Marie Sørensen", "Søren Pape Poulsen", "Karina Lorentzen", "Mikkel Hansen", "Pernille Skipper",
    "Henrik Dahl", "Sofie Carsten Nielsen", "Martin Lidegaard", "Troels Lund Poulsen", "Ida Auken",
)
# Subjects that are common nouns ("regeringen") rather than names, lower-case inside a sentence.
COMMON_SUBJECTS = frozenset({"Regeringen", "Politiet", "Statsministeren", "Byrådet i Aarhus", "Finansministeren",
                             "Fagbevægelsen", "Anklagemyndigheden", "Beredskabet"})
ROLES = ("talsperson", "vagtchef", "direktør", "ordfører", "borgmester", "anklager", "forsker", "meteorolog",
         "overlæge", "cheføkonom", "træner", "kommunikationschef", "politiinspektør", "forsvarsadvokat")
PLACES = ("Aarhus", "Odense", "Aalborg", "Esbjerg", "Roskilde", "Vejle", "Herning", "Randers", "Kolding",
          "Horsens", "Silkeborg", "Næstved", "Thisted", "Ribe", "Helsingør", "Svendborg", "Bornholm", "Irak",
          "Bruxelles", "Berlin", "Kyiv", "Nuuk", "Tórshavn", "Malmø", "Hamborg")
OBJECTS = (
    "et nyt udspil til en klimalov", "en aftale om finansloven", "en plan for sygehusene", "et forslag om skat",
    "en ny strategi for forsvaret", "en undersøgelse af sagen", "en rapport om ulighed", "en redegørelse",
    "nye regler for landbruget", "en pakke til de ældre", "et lovforslag om politiet", "en ny togplan",
    "en aftale med fagforbundene", "et kompromis om boligskatten", "resultatet af forhandlingerne",
)
PAST_VERBS = ("fremlagde", "præsenterede", "offentliggjorde", "vedtog", "afviste", "godkendte", "kritiserede",
              "meddelte", "oplyste", "bekræftede", "undersøgte", "modtog", "indgik", "droppede")
FUTURE_VERBS = ("vil fremlægge", "skal forhandle", "ventes at præsentere", "vil offentliggøre",
                "skal behandle", "planlægger at vedtage", "vil drøfte", "skal godkende")
PRESENT_VERBS = ("fremlægger", "præsenterer", "forhandler", "behandler", "drøfter", "åbner", "lancerer")
EVENTS = ("et missilangreb", "et færdselsuheld", "en brand", "et indbrud", "en strejke", "en storm", "et valg",
          "en retssag", "en demonstration", "en konference", "en eksplosion", "en oversvømmelse", "et røveri",
          "et topmøde")

# ------------------------------------------------------------------ time expressions by kind

TIMES: dict[str, tuple[str, ...]] = {
    "deictic": ("i dag", "i går", "i morgen", "i forgårs", "i overmorgen", "i aftes", "i morges", "i nat",
                "i aften", "i eftermiddag", "i morgen tidlig", "tidligere i dag", "senere i dag", "i år",
                "sidste år", "næste år", "i fjor", "sidste uge", "næste uge", "i sidste måned",
                "næste måned", "i weekenden", "næste weekend", "den kommende weekend"),
    "weekday": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag", "på tirsdag",
                "i onsdags", "i fredags", "sidste fredag", "næste torsdag", "natten til lørdag",
                "natten til onsdag", "søndag aften", "lørdag eftermiddag", "mandag morgen",
                "natten mellem tirsdag og onsdag", "fredag formiddag"),
    "date": ("den 3. marts", "den 12. oktober 2019", "den 1. juli", "8/1", "24.12.2021", "2020-05-04",
             "den første maj", "den 5. juni 2022", "d. 17. august", "15. januar", "den 29. februar 2020",
             "den 3. og 4. marts", "mandag den 14. september", "8. jan. 2020"),
    "month": ("i december", "december 2017", "begyndelsen af februar", "slutningen af marts", "midten af juni",
              "i oktober og november", "sidste december", "i løbet af april", "primo maj", "ultimo august"),
    "year": ("i 2007", "siden 1973", "i 1990'erne", "i 80'erne", "1800-tallet", "det 19. århundrede",
             "året 2020", "i 2019", "fra 2015 til 2018", "siden 2010", "i forbindelse med næste års finanslov"),
    "week": ("uge 12", "i uge 33 og 34", "fjerde kvartal", "1. kvartal 2020", "første halvår",
             "andet halvår", "uge 53 2020", "tredje kvartal"),
    "season": ("i sommer", "til sommer", "sommeren 2028", "efteråret", "vinteren", "sensommeren",
               "det tidlige forår", "sidste sommer", "næste forår"),
    "holiday": ("jul", "påske", "juleaften", "nytårsaften", "pinse", "sankthans", "inden påske",
                "efter nytår", "juleaftensdag", "grundlovsdag", "næste jul", "jul 2019"),
    "clock": ("klokken 20", "kl. 9.30", "klokken halv tre", "kvart over fem", "ved 16-tiden", "midnat",
              "klokken 14:30", "mellem klokken 10 og 14", "omkring klokken 00.30 dansk tid",
              "kort før klokken et", "klokken otte i aften", "fem minutter i tolv", "femtiden",
              "klokken 7.20 irakisk tid", "lidt efter midnat", "ved middagstid"),
    "offset": ("for tre dage siden", "om to uger", "for godt en uge siden", "om et halvt år",
               "for to timer siden", "om cirka to måneder", "for 14 dage siden", "om tre år",
               "for et år siden", "om en time"),
    "anaphora": ("tre dage senere", "dagen efter", "ugen før", "samme dag", "den følgende dag",
                 "samme aften", "to uger tidligere", "næste morgen", "året efter", "tre dage efter den 5. maj"),
    "reference": ("nu", "for nylig", "de kommende dage", "tidligere"),
}
# Lengths and recurrences read oddly in the point templates; they get their own.
SPANS: tuple[str, ...] = (
    "i tre timer", "i to år", "i et par dage", "i halvanden time", "i tre timer og 12 minutter", "i årevis",
    "de kommende to uger", "det seneste år", "i fire uger", "i knap ti timer", "i over 20 år", "en halv time",
    "hver onsdag", "hvert år", "dagligt", "to gange om ugen", "hver søndag aften", "hvert tiende minut",
    "ugentligt", "hver anden uge", "hver morgen",
)
SPAN_TEMPLATES = (
    "Forhandlingerne mellem {subject_lower} og {place} varede {span}.",
    "{subject} har arbejdet på {object} {span}.",
    "Ifølge {person} mødes parterne {span} for at drøfte {object}.",
    "Bussen mellem {place} og {place2} kører {span}, oplyser {subject}.",
    "{person} har {span} kæmpet for {object}.",
)

TIME_TEMPLATES = (
    "{subject} {past} {time} {object}.",
    "{subject} {future} {object} {time}.",
    "{Time} {past} {subject_lower} {object}.",
    "Det oplyser {person}, {role} hos {subject}, {time}.",
    "Ifølge {subject} skete det {time} i {place}.",
    "{subject} {present} {object} {time} i {place}.",
    "{event} i {place} {time} har fået {subject} til at reagere.",
    "- Vi har arbejdet på det {time}, siger {person}, der er {role} i {place}.",
    "Sagen begyndte {time}, da {subject} {past} {object}.",
    "{person} har {time} været i {place} for at drøfte {object}.",
    "{subject} mødes {time} med repræsentanter fra {place}.",
    "Politiet efterlyser vidner til {event} i {place} {time}.",
)
PROSE_TEMPLATES = (
    "{subject} {past} {object}, og kritikken fra oppositionen var hård.",
    "Ifølge {person} er det afgørende, at {subject_lower} tager ansvar for {object}.",
    "- Det er en helt urimelig situation for borgerne i {place}, siger {person}, der er {role}.",
    "Der er {count} danske soldater udstationeret i {place}.",
    "{event} i {place} kostede ifølge forsikringsselskaberne {small} millioner kroner.",
    "{subject} har ikke ønsket at kommentere sagen over for Ritzau.",
    "En {age}-årig mand er sigtet i sagen og blev fremstillet i grundlovsforhør.",
    "Kampen endte {score} efter en dramatisk slutning, hvor {person} scorede.",
    "Sagen handler om § {small} i straffeloven, som ifølge {role}en er uklar.",
    "Over {count} personer deltog i en demonstration foran Christiansborg.",
    "Oppositionen mener, at {object} slet ikke er godt nok, og kræver, at {subject_lower} går videre.",
    "Det er ikke første gang, at {subject_lower} er i søgelyset for {object}.",
    "{person} understreger, at der stadig er mange ubesvarede spørgsmål i sagen.",
    "Ifølge Danmarks Statistik steg priserne med {small},{small} procent, mens lønningerne stod stille.",
    "Omkring {count} husstande i {place} var uden strøm, og {count2} træer væltede.",
    "Lejlighederne på {small} kvadratmeter ligger på {place}vej nr. {small2}.",
    "{subject} vil nu se nærmere på {object} sammen med kommunerne og regionerne.",
    "Ifølge eksperter kan det få store konsekvenser for både økonomien og beskæftigelsen i {place}.",
    "- Vi tager sagen meget alvorligt, og vi lytter til borgerne, siger {person}.",
    "Der var tale om en {age}-årig kvinde, som blev kørt til Odense Universitetshospital.",
)
HEADLINES = (
    "{subject} under pres efter {event} i {place}", "{event} rammer {place}",
    "{person}: Vi skal handle nu", "{subject} {past} {object}",
)


# ------------------------------------------------------------------ generation

def _count(rng: random.Random) -> str:
    """A count as Danish news writes it: ``2.785`` (a dot groups thousands)."""
    return f"{rng.randint(2, 40_000):,}".replace(",", ".")


def _fill(template: str, rng: random.Random, time: str = "", span: str = "") -> str:
    subject = rng.choice(SUBJECTS)
    text = template.format(
        subject=subject, subject_lower=subject[0].lower() + subject[1:] if subject in COMMON_SUBJECTS else subject,
        person=rng.choice(PEOPLE), role=rng.choice(ROLES), place=rng.choice(PLACES), place2=rng.choice(PLACES),
        object=rng.choice(OBJECTS), past=rng.choice(PAST_VERBS), future=rng.choice(FUTURE_VERBS),
        present=rng.choice(PRESENT_VERBS), event=rng.choice(EVENTS), time=time, Time=time[:1].upper() + time[1:],
        span=span, count=_count(rng), count2=_count(rng), age=rng.randint(16, 90),
        score=f"{rng.randint(0, 5)}-{rng.randint(0, 5)}", small=rng.randint(1, 99), small2=rng.randint(1, 99),
    )
    return text[:1].upper() + text[1:]


def _time_sentence(rng: random.Random) -> str:
    kind = rng.choice((*TIMES, "span"))
    if kind == "span":
        return _fill(rng.choice(SPAN_TEMPLATES), rng, span=rng.choice(SPANS))
    return _fill(rng.choice(TIME_TEMPLATES), rng, rng.choice(TIMES[kind]))


def _sentence(rng: random.Random, time_share: float) -> str:
    if rng.random() < time_share:
        return _time_sentence(rng)
    return _fill(rng.choice(PROSE_TEMPLATES), rng)


def _paragraph(rng: random.Random, time_share: float) -> str:
    return " ".join(_sentence(rng, time_share) for _ in range(rng.randint(1, 4)))


def _body(rng: random.Random, words: int, time_share: float) -> str:
    paragraphs = [_fill(rng.choice(HEADLINES), rng)]
    count = len(paragraphs[0].split())
    while count < words:
        paragraph = _paragraph(rng, time_share)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def _published(rng: random.Random) -> str:
    """A publication time between 2015 and 2025 at a precision drawn from ``PRECISIONS``."""
    moment = datetime(2015, 1, 1) + timedelta(minutes=rng.randrange(11 * 365 * 24 * 60))
    precision = rng.choices([p for p, _ in PRECISIONS], weights=[w for _, w in PRECISIONS])[0]
    formats = {"minute": "%Y-%m-%dT%H:%M", "day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    return moment.strftime(formats[precision])


def article(index: int, seed: int = DEFAULT_SEED, time_share: float = 0.4) -> Article:
    """Article number ``index`` of the corpus for ``seed`` (independent of the corpus size)."""
    rng = random.Random(f"{seed}:{index}")
    published = _published(rng)
    return Article(f"bench-{index:06d}", published, _body(rng, rng.randint(300, 600), time_share))


def generate(count: int, seed: int = DEFAULT_SEED, time_share: float = 0.4) -> list[Article]:
    """``count`` articles; ``time_share`` is the share of sentences built around a time expression."""
    return [article(index, seed, time_share) for index in range(count)]


def write_folder(articles: Iterable[Article], folder: Path) -> int:
    """One ``<id>.txt`` per article with a ``date`` header; returns how many were written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for item in articles:
        (folder / f"{item.id}.txt").write_text(item.as_txt(), encoding="utf-8")
        written += 1
    return written


def write_jsonl(articles: Iterable[Article], path: Path) -> int:
    """One JSON row ``{"id", "published", "text"}`` per article; returns how many were written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        for item in articles:
            handle.write(item.as_json() + "\n")
            written += 1
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, required=True,
                        help="a folder (one .txt per article) or a .jsonl file")
    args = parser.parse_args(argv)
    articles = (article(index, args.seed) for index in range(args.docs))  # streamed, not held in memory
    if args.out.suffix == ".jsonl":
        written = write_jsonl(articles, args.out)
    else:
        written = write_folder(articles, args.out)
    print(f"wrote {written} articles to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
