"""Hand-made records for the RDF tests: two short German articles we wrote, and a gazetteer.

Article ``t1`` exercises every record kind (mentions, post holdings, direct and reported
speech, issues, stances, asserted and claimed events, comments with a reply). Article ``t2``
repeats a quote of ``t1`` (one statement node, two reports) and adds a later stance.
Offsets are computed with ``str.find`` so the text can be edited safely.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from kg.model import (
    Actor,
    ActorKind,
    Analysis,
    Article,
    Claim,
    Comment,
    EpistemicStatus,
    Event,
    EventType,
    Issue,
    Mention,
    MentionForm,
    Participant,
    PostHolding,
    QuoteMode,
    Sentence,
    Stance,
    StancePosition,
    Statement,
    TimeExpression,
    TimePrecision,
)
from kg.nlp.gazetteer import Entry, Gazetteer, PostSpec
from kg.nlp.known_events import KnownEvent

QUOTE = "Wir stehen fest an der Seite der Ukraine."
REPORTED = "ein Beitritt der Ukraine zur NATO sei für Moskau inakzeptabel"

T1_TEXT = (
    "Rutte: Bündnis steht zur Ukraine\n\n"
    'NATO-Generalsekretär Mark Rutte sagte am 3. Dezember 2024 in Brüssel: "' + QUOTE + '" '
    "Kreml-Sprecher Dmitri Peskow erklärte, " + REPORTED + ". "
    "Nach Angaben des russischen Verteidigungsministeriums wurden zwei Dörfer eingenommen. "
    "1994 hatte die Ukraine die Atomwaffen auf ihrem Gebiet abgegeben. 🤔"
)

T2_TEXT = (
    "Peskow bleibt bei seinem Nein\n\n"
    'Rutte wiederholte in Den Haag: "' + QUOTE + '" '
    "Der Kreml lehnt die Aufnahme der Ukraine weiter ab."
)

ISSUE_KEY = "membership:Q212:Q7184"


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _sentences(text: str, prefix: str = "s") -> tuple[Sentence, ...]:
    """Split at '. ', '" ', '\n\n' boundaries: good enough for our own fixture text."""
    result = []
    start = 0
    for index, char in enumerate(text):
        boundary = char == "\n" or (char in '."' and text[index + 1 : index + 2] == " ")
        if boundary or index == len(text) - 1:
            end = index + 1 if char != "\n" else index
            if text[start:end].strip():
                result.append(Sentence(id=f"{prefix}{len(result)}", start=start, end=end))
            start = index + 1
            while start < len(text) and text[start] in " \n":
                start += 1
    return tuple(result)


ACTORS = (
    Actor(key="nato", name="NATO", kind=ActorKind.ORGANIZATION, qid="Q7184"),
    Actor(key="mark-rutte", name="Mark Rutte", kind=ActorKind.PERSON, qid="Q57792"),
    Actor(key="ukraine", name="Ukraine", kind=ActorKind.STATE, qid="Q212"),
    Actor(key="russia", name="Russland", kind=ActorKind.STATE, qid="Q159"),
    Actor(key="dmitry-peskov", name="Dmitri Peskow", kind=ActorKind.PERSON, state="russia"),
    Actor(
        key="presidential-administration-of-russia",
        name="Kreml",
        kind=ActorKind.GOVERNMENT_BODY,
        state="russia",
    ),
    Actor(
        key="ministry-of-defence-of-russia",
        name="russisches Verteidigungsministerium",
        kind=ActorKind.GOVERNMENT_BODY,
        state="russia",
        names=("russisches Verteidigungsministerium", "Verteidigungsministerium"),
        curated=False,
    ),
    Actor(key="brussels", name="Brüssel", kind=ActorKind.PLACE),
)


def make_t1() -> Analysis:
    """Return the analysis of article t1 (every record kind)."""
    text = T1_TEXT
    m = {
        "rutte": _span(text, "NATO-Generalsekretär Mark Rutte"),
        "rutte-head": _span(text, "Rutte"),
        "brussels": _span(text, "Brüssel"),
        "peskov": _span(text, "Kreml-Sprecher Dmitri Peskow"),
        "mod": _span(text, "russischen Verteidigungsministeriums"),
        "ukraine": _span(text, "Ukraine", text.index("1994")),
        "nato": _span(text, "NATO", text.index(REPORTED)),
    }
    mentions = (
        Mention(
            id="m1",
            start=m["rutte-head"][0],
            end=m["rutte-head"][1],
            surface="Rutte",
            actor="mark-rutte",
            form=MentionForm.SHORT_NAME,
        ),
        Mention(
            id="m2",
            start=m["rutte"][0],
            end=m["rutte"][1],
            surface="NATO-Generalsekretär Mark Rutte",
            actor="mark-rutte",
            form=MentionForm.DESCRIPTOR,
        ),
        Mention(
            id="m3",
            start=m["brussels"][0],
            end=m["brussels"][1],
            surface="Brüssel",
            actor="brussels",
            is_place=True,
        ),
        Mention(
            id="m4",
            start=m["peskov"][0],
            end=m["peskov"][1],
            surface="Kreml-Sprecher Dmitri Peskow",
            actor="dmitry-peskov",
        ),
        Mention(
            id="m5",
            start=m["mod"][0],
            end=m["mod"][1],
            surface="russischen Verteidigungsministeriums",
            actor="ministry-of-defence-of-russia",
            method="rule",
            confidence=0.8,
        ),
        Mention(
            id="m6", start=m["ukraine"][0], end=m["ukraine"][1], surface="Ukraine", actor="ukraine"
        ),
        Mention(id="m7", start=m["nato"][0], end=m["nato"][1], surface="NATO", actor="nato"),
        Mention(id="c1-m-0-4", start=0, end=4, surface="NATO", actor="nato", comment=1),
        Mention(id="c1-m-5-10", start=29, end=36, surface="Ukraine", actor="ukraine", comment=1),
    )
    holdings = (
        PostHolding(
            id="h1",
            person="mark-rutte",
            role="secretary general",
            of="nato",
            start=m["rutte"][0],
            end=m["rutte"][0] + len("NATO-Generalsekretär"),
            descriptor="NATO-Generalsekretär",
        ),
        PostHolding(
            id="h2",
            person="dmitry-peskov",
            role="spokesperson",
            of="presidential-administration-of-russia",
            start=m["peskov"][0],
            end=m["peskov"][0] + len("Kreml-Sprecher"),
            descriptor="Kreml-Sprecher",
        ),
    )
    quote = _span(text, QUOTE)
    reported = _span(text, REPORTED)
    statements = (
        Statement(
            id="q1",
            start=quote[0],
            end=quote[1],
            text=QUOTE,
            mode=QuoteMode.DIRECT,
            speaker="mark-rutte",
            speaker_mention="m2",
            capacity="h1",
            reporting_verb="sagen",
            date="2024-12-03",
            place="brussels",
        ),
        Statement(
            id="q2",
            start=reported[0],
            end=reported[1],
            text=REPORTED,
            mode=QuoteMode.INDIRECT,
            speaker="dmitry-peskov",
            speaker_mention="m4",
            capacity="h2",
            on_behalf_of="russia",
            reporting_verb="erklären",
        ),
        Statement(
            id="q3",
            start=_span(text, "Bündnis steht zur Ukraine")[0],
            end=_span(text, "Bündnis steht zur Ukraine")[1],
            text="Bündnis steht zur Ukraine",
            mode=QuoteMode.INDIRECT,
        ),
    )
    issue = Issue(
        key=ISSUE_KEY,
        relation="membership",
        subject="Q212",
        object="Q7184",
        label="NATO membership of Ukraine",
    )
    stances = (
        Stance(
            id="st1",
            holder="nato",
            issue=ISSUE_KEY,
            position=StancePosition.SUPPORTS,
            expressed_by="mark-rutte",
            evidence=("q1",),
            valid_at="2024-12-03",
            cue="stehen an der Seite",
            confidence=0.85,
        ),
        Stance(
            id="st2",
            holder="russia",
            issue=ISSUE_KEY,
            position=StancePosition.OPPOSES,
            expressed_by="dmitry-peskov",
            evidence=("q2",),
            cue="inakzeptabel",
            confidence=0.9,
        ),
    )
    capture = _span(text, "eingenommen")
    hedge = _span(text, "Nach Angaben des russischen Verteidigungsministeriums")
    handover = _span(text, "abgegeben")
    year = _span(text, "1994")
    events = (
        Event(
            id="e1",
            type=EventType.CAPTURE,
            start=capture[0],
            end=capture[1],
            trigger="eingenommen",
            when="2024-12",
            participants=(
                Participant(actor="russia", role="agent"),
                Participant(actor="ukraine", role="affected"),
            ),
            claim=Claim(
                author="ministry-of-defence-of-russia",
                status=EpistemicStatus.CLAIMED_UNVERIFIED,
                phrase="Nach Angaben des russischen Verteidigungsministeriums",
                start=hedge[0],
                end=hedge[1],
            ),
            quantity=2,
            quantity_unit="Dörfer",
        ),
        Event(
            id="e2",
            type=EventType.AGREEMENT,
            start=handover[0],
            end=handover[1],
            trigger="abgegeben",
            when="1994",
            time="t1",
            participants=(Participant(actor="ukraine", role="agent"),),
            known_event="budapest-memorandum",
            wikidata=None,
            claim=Claim(author=None, status=EpistemicStatus.ASSERTED_BY_NARRATOR),
        ),
        Event(
            id="e3",
            type=EventType.MEETING,
            start=m["brussels"][0],
            end=m["brussels"][1],
            trigger="Brüssel",
            when="2024-12-03",
            place="brussels",
            participants=(Participant(actor="nato", role="convener"),),
        ),
    )
    timexes = (
        TimeExpression(
            id="t1",
            start=year[0],
            end=year[1],
            surface="1994",
            value="1994",
            precision=TimePrecision.YEAR,
        ),
    )
    comments = (
        Comment(
            index=0,
            author="Nordlicht_42",
            text="Und wer garantiert diesmal etwas?",
            rank="Top-Kommentator",
            upvotes=12,
            downvotes=1,
            created=datetime(2024, 12, 3, 20, 5, tzinfo=UTC),
        ),
        Comment(
            index=1,
            author="kaffeesatz",
            text="NATO hilft, sagt man, nur der Ukraine.",
            reply_to="Nordlicht_42",
            parent=0,
        ),
        Comment(index=2, author="Nordlicht_42", text="Abwarten.", reply_to="kaffeesatz", parent=1),
    )
    article = Article(
        id="t1",
        text=text,
        lang="de",
        source="t1.txt",
        headline="Rutte: Bündnis steht zur Ukraine",
        published=date(2024, 12, 3),
        published_at=datetime(2024, 12, 3, 19, 30, tzinfo=UTC),
        url="https://news.example/t1",
        publisher="news.example",
        agencies=("APA", "dpa"),
        comments=comments,
    )
    return Analysis(
        article=article,
        sentences=_sentences(text),
        actors=ACTORS,
        mentions=mentions,
        holdings=holdings,
        timexes=timexes,
        statements=statements,
        issues=(issue,),
        stances=stances,
        events=events,
        extractor="kg 0.1.0",
        extracted_at=datetime(2024, 12, 4, 10, 0, tzinfo=UTC),
    )


def make_t2() -> Analysis:
    """Return the analysis of article t2 (repeats t1's quote, adds a later stance)."""
    text = T2_TEXT
    quote = _span(text, QUOTE)
    rutte = _span(text, "Rutte", text.index("\n\n"))
    kremlin = _span(text, "Der Kreml")
    sentences = _sentences(text, prefix="x")
    sentence = next(s for s in sentences if s.start <= kremlin[0] < s.end)
    return Analysis(
        article=Article(
            id="t2",
            text=text,
            lang="de",
            source="t2.txt",
            headline="Peskow bleibt bei seinem Nein",
            published=date(2024, 12, 10),
            publisher="news.example",
        ),
        sentences=sentences,
        actors=ACTORS[:6],
        mentions=(
            Mention(
                id="m1",
                start=rutte[0],
                end=rutte[1],
                surface="Rutte",
                actor="mark-rutte",
                form=MentionForm.SHORT_NAME,
            ),
            Mention(
                id="m2",
                start=kremlin[0],
                end=kremlin[1],
                surface="Der Kreml",
                actor="presidential-administration-of-russia",
                form=MentionForm.METONYM,
            ),
        ),
        statements=(
            Statement(
                id="q1",
                start=quote[0],
                end=quote[1],
                text=QUOTE,
                mode=QuoteMode.DIRECT,
                speaker="mark-rutte",
                reporting_verb="wiederholen",
            ),
        ),
        stances=(
            Stance(
                id="st1",
                holder="russia",
                issue=ISSUE_KEY,
                position=StancePosition.OPPOSES,
                sentence_id=sentence.id,
            ),
            Stance(
                id="st2",
                holder="nato",
                issue=ISSUE_KEY,
                position=StancePosition.SUPPORTS,
                expressed_by="mark-rutte",
                evidence=("q1",),
            ),
        ),
        extractor="kg 0.1.0",
    )


def make_gazetteer() -> Gazetteer:
    """Return a small curated gazetteer (actors of t1/t2 and their posts)."""

    def entry(key: str, kind: ActorKind, qid: str | None, de: str, en: str, **extra: object):
        return Entry(
            key=key,
            kind=kind,
            qid=qid,
            labels={"de": de, "en": en},
            aliases=extra.pop("aliases", {}),
            demonyms={},
            metonyms={},
            **extra,
        )  # type: ignore[arg-type]

    return Gazetteer(
        [
            entry(
                "nato",
                ActorKind.ORGANIZATION,
                "Q7184",
                "NATO",
                "NATO",
                aliases={"de": ("Nordatlantikpakt",)},
            ),
            entry("ukraine", ActorKind.STATE, "Q212", "Ukraine", "Ukraine"),
            entry("russia", ActorKind.STATE, "Q159", "Russland", "Russia"),
            entry(
                "presidential-administration-of-russia",
                ActorKind.GOVERNMENT_BODY,
                None,
                "Präsidialverwaltung Russlands",
                "Presidential Administration of Russia",
                state="russia",
            ),
            entry("brussels", ActorKind.PLACE, None, "Brüssel", "Brussels"),
            entry(
                "kremlin",
                ActorKind.PLACE,
                None,
                "Kreml",
                "Kremlin",
                metonym_of="presidential-administration-of-russia",
            ),
            entry(
                "mark-rutte",
                ActorKind.PERSON,
                "Q57792",
                "Mark Rutte",
                "Mark Rutte",
                posts=(
                    PostSpec(role="secretary general", of="nato", start=date(2024, 10, 1)),
                    PostSpec(
                        role="prime minister",
                        of=None,
                        start=date(2010, 10, 14),
                        end=date(2024, 7, 2),
                    ),
                ),
            ),
            entry(
                "jens-stoltenberg",
                ActorKind.PERSON,
                None,
                "Jens Stoltenberg",
                "Jens Stoltenberg",
                posts=(
                    PostSpec(
                        role="secretary general",
                        of="nato",
                        start=date(2014, 10, 1),
                        end=date(2024, 10, 1),
                    ),
                ),
            ),
            entry(
                "dmitry-peskov",
                ActorKind.PERSON,
                None,
                "Dmitri Peskow",
                "Dmitry Peskov",
                state="russia",
                posts=(PostSpec(role="spokesperson", of="presidential-administration-of-russia"),),
            ),
        ]
    )


KNOWN_EVENTS = (
    KnownEvent(
        key="budapest-memorandum",
        qid=None,
        type=EventType.AGREEMENT,
        date="1994-12-05",
        participants=(
            Participant(actor="russia", role="guarantor"),
            Participant(actor="ukraine", role="recipient"),
        ),
        names={
            "de": ("Budapester Memorandum",),
            "en": ("Budapest Memorandum", "Budapest Memorandum on Security Assurances"),
        },
    ),
    KnownEvent(
        key="war-in-donbas",
        qid=None,
        type=EventType.ATTACK,
        date="2014-04",
        end="2022-02",
        participants=(Participant(actor="russia", role="attacker"),),
        names={"en": ("war in Donbas",)},
    ),
)
