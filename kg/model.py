"""Every record that flows through the kg pipeline.

Records are frozen, slotted, keyword-only dataclasses. Annotations are stand-off: each span is a
half-open pair of character offsets (Unicode code points) into ``Article.text``, or into
``Comment.text`` when the record says ``comment=<index>``. This module imports nothing but the
standard library: the NLP layer and the RDF layer both build on it.

Actor keys: every actor (state, organisation, body, person, place) has a ``key``, a stable ASCII
slug such as ``"mark-rutte"`` or ``"ministry-of-foreign-affairs-of-ukraine"``. IRIs are minted
from keys, never from surface strings; the Wikidata QID is a separate, optional field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

# --------------------------------------------------------------------------------------------
# Closed label sets
# --------------------------------------------------------------------------------------------


class ActorKind(StrEnum):
    """What kind of thing an actor (or place) is."""

    STATE = "state"
    ORGANIZATION = "organization"  # international organisation, alliance, bloc
    GOVERNMENT_BODY = "government_body"  # government, ministry, presidential office, parliament
    MILITARY = "military"  # armed forces, troops
    PERSON = "person"
    PARTY = "party"  # political party
    GROUP = "group"  # armed group, company, media outlet, other non-state organisation
    PLACE = "place"  # city, region, territory: an actor only through metonymy


class BlockKind(StrEnum):
    """The layout role of a block of article text."""

    HEADLINE = "headline"
    SUBHEADLINE = "subheadline"
    HEADING = "heading"  # a section heading inside the body
    PARAGRAPH = "paragraph"


class MentionForm(StrEnum):
    """How a mention refers to its actor."""

    NAME = "name"  # full name or official label ("Mark Rutte", "Russland", "NATO")
    SHORT_NAME = "short_name"  # surname or short form after a full mention ("Rutte")
    DEMONYM = "demonym"  # adjective: "russische Streitkräfte" -> Russia
    METONYM = "metonym"  # capital or seat for its government: "Kiew", "der Kreml"
    DESCRIPTOR = "descriptor"  # role noun phrase: "der NATO-Chef", "die Ministerin"
    PRONOUN = "pronoun"  # er/sie/he/she


class QuoteMode(StrEnum):
    """Direct quotation or reported (indirect) speech."""

    DIRECT = "direct"
    INDIRECT = "indirect"


class StancePosition(StrEnum):
    """An actor's position on an issue (DESIGN.md §1)."""

    DEMANDS = "demands"
    SUPPORTS = "supports"
    HESITANT = "hesitant"
    OPPOSES = "opposes"


class EventType(StrEnum):
    """Event types of eval/FORMAT.md (and ``protest``, which it does not annotate), aligned to
    PLOVER/CAMEO in ontology/."""

    AGREEMENT = "agreement"
    INVASION = "invasion"
    ATTACK = "attack"
    ANNEXATION = "annexation"
    CAPTURE = "capture"
    REQUEST = "request"
    MEETING = "meeting"
    WEAPONS_TEST = "weapons_test"
    WEAPONS_DELIVERY = "weapons_delivery"
    ELECTION = "election"
    SANCTION = "sanction"
    STATEMENT_OF_INTENT = "statement_of_intent"
    MILITARY_EXERCISE = "military_exercise"
    PROTEST = "protest"


class EpistemicStatus(StrEnum):
    """Who vouches for a proposition (ontology.md §3.5)."""

    ASSERTED_BY_NARRATOR = "asserted-by-narrator"
    ATTRIBUTED = "attributed"
    CLAIMED_UNVERIFIED = "claimed-unverified"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"
    PLANNED_FUTURE = "planned-future"


class TimePrecision(StrEnum):
    """How precisely a time expression pins a time down."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


# --------------------------------------------------------------------------------------------
# Reading: the article and its comments
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """A headline, heading or paragraph: ``Article.text[start:end]``."""

    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Comment:
    """One reader comment, in page order.

    ``reply_to`` is the pseudonym of the author the comment answers ("@Name" or thread position),
    ``parent`` the index of that comment in ``Article.comments`` when it can be resolved.
    """

    index: int
    author: str
    text: str
    rank: str | None = None
    age: str | None = None  # relative age as written ("9 h 51 Min")
    created: datetime | None = None  # absolute time, when the page gives or implies one
    reply_to: str | None = None
    parent: int | None = None
    upvotes: int | None = None
    downvotes: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A news article as read from a file, record or URL.

    ``text`` is the normalised (NFC) text that every offset refers to: headline, sub-headline,
    headings and paragraphs, separated by blank lines, laid out by ``blocks``.
    ``id`` is deterministic: derived from the URL when one is known, else from the text.
    """

    id: str
    text: str
    lang: str  # "de" or "en"
    source: str  # path, URL, "<stdin>" or "<path>:<line>" for JSONL
    headline: str | None = None
    blocks: tuple[Block, ...] = ()
    published: date | None = None
    published_at: datetime | None = None  # when the page also gives a time of day
    url: str | None = None
    publisher: str | None = None
    agencies: tuple[str, ...] = ()  # "APA", "Reuters", … from the byline
    comments: tuple[Comment, ...] = ()


# --------------------------------------------------------------------------------------------
# Analysis: stand-off annotations
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence: ``text[start:end]`` of the article (or of comment ``comment``)."""

    id: str
    start: int
    end: int
    comment: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """An actor (or place) that an article refers to.

    Curated actors come from the gazetteer; actors discovered in the text (a person introduced
    by a role noun, a ministry built from "Außenministerium" + a state) are made on the fly.
    ``names`` holds every label and alias in every language (used for matching and eval).
    """

    key: str
    name: str  # preferred label in the article's language
    kind: ActorKind
    qid: str | None = None
    names: tuple[str, ...] = ()
    state: str | None = None  # key of the state a body, military or person belongs to
    gender: str | None = None  # "f", "m" or None (pronoun and role-noun agreement)
    curated: bool = True  # False: discovered in this article, not in the gazetteer


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A span that refers to an actor or a place."""

    id: str  # "m-120-131" (body) or "c3-m-4-10" (comment 3), unique within the article
    start: int
    end: int
    surface: str
    actor: str  # Actor.key
    form: MentionForm = MentionForm.NAME
    is_place: bool = False  # "in Brüssel": the place, not its government
    comment: int | None = None
    method: str = "gazetteer"
    confidence: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class PostHolding:
    """A person holds a post ``role`` of ``of`` (an actor key), as the text or gazetteer says.

    ``role`` is a canonical English role name ("foreign minister", "secretary general").
    """

    id: str
    person: str  # Actor.key
    role: str
    of: str | None  # Actor.key of the state/organisation/body, None when the text omits it
    start: int | None = None  # evidence span in the text, when the text states it
    end: int | None = None
    descriptor: str | None = None  # the wording ("NATO-Generalsekretär", "Kreml-Sprecher")
    observed: date | None = None  # article date when only the article attests it
    method: str = "text"
    confidence: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpression:
    """A time expression normalised against the article date.

    ``value`` is ISO at ``precision`` ("1994", "2022-09", "2024-12-03"); for intervals and bounds
    ``begin``/``end`` hold ISO values (either may be None: "seit 2014" has no end).
    """

    id: str
    start: int
    end: int
    surface: str
    value: str | None
    precision: TimePrecision | None = None
    begin: str | None = None
    end_value: str | None = None
    is_interval: bool = False
    comment: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    """A direct quote or a piece of reported speech with its (licensed) speaker.

    ``start``/``end`` cover the quoted or reported content; ``cue_start``/``cue_end`` the speech
    verb or attribution phrase ("sagte Rutte", "laut Peskow"). ``speaker`` is None when no
    speaker is grammatically licensed: kg refuses rather than guesses.
    """

    id: str
    start: int
    end: int
    text: str
    mode: QuoteMode
    speaker: str | None = None  # Actor.key
    speaker_mention: str | None = None  # Mention.id
    on_behalf_of: str | None = None  # Actor.key of the state/org a spokesperson speaks for
    capacity: str | None = None  # PostHolding.id
    reporting_verb: str | None = None  # lemma ("sagen", "betonen", "say")
    cue_start: int | None = None
    cue_end: int | None = None
    date: str | None = None  # ISO date/year-month/year when the text gives it
    place: str | None = None  # Actor.key of a place
    sentence_ids: tuple[str, ...] = ()
    method: str = "rule"
    confidence: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """A proposition ``relation(subject, object)`` that stances are about.

    Its key is ``"relation:subject:object"`` with actor QIDs where known, else actor keys,
    exactly as eval/FORMAT.md spells it (``"membership:Q212:Q7184"``).
    """

    key: str
    relation: str
    subject: str | None
    object: str | None
    label: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Stance:
    """An actor's position on an issue, with the evidence behind it."""

    id: str
    holder: str  # Actor.key
    issue: str  # Issue.key
    position: StancePosition
    expressed_by: str | None = None  # Actor.key of the speaker, when a statement evidences it
    evidence: tuple[str, ...] = ()  # Statement.id values
    sentence_id: str | None = None  # narrator sentence, when no statement evidences it
    start: int | None = None
    end: int | None = None
    valid_at: str | None = None  # ISO date
    cue: str | None = None  # the cue lemma that fired
    method: str = "rule"
    confidence: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """An actor (or place) in a role of an event ("agent", "affected", "guarantor", …)."""

    actor: str  # Actor.key
    role: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """Who vouches for an event: "nach eigenen Angaben", "according to Russia's MoD"."""

    author: str | None  # Actor.key of the source, None when the text names none
    status: EpistemicStatus
    phrase: str | None = None  # the hedge as written
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A typed event with time at the text's precision, place and participants."""

    id: str
    type: EventType
    start: int  # trigger span
    end: int
    trigger: str
    participants: tuple[Participant, ...] = ()
    when: str | None = None  # ISO at the text's precision
    time: str | None = None  # TimeExpression.id
    place: str | None = None  # Actor.key of a place
    known_event: str | None = None  # key of a catalogue event (reference graph)
    wikidata: str | None = None  # QID of the known event, when verified
    quantity: int | None = None
    quantity_unit: str | None = None
    claim: Claim | None = None  # set when the event is only claimed
    statement: str | None = None  # Statement.id when the event is reported speech
    sentence_id: str | None = None
    method: str = "rule"
    confidence: float = 1.0


# --------------------------------------------------------------------------------------------
# The result of analysing one article
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """Everything the NLP layer found in one article; what crosses from ``nlp`` to ``rdf``."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    holdings: tuple[PostHolding, ...] = ()
    timexes: tuple[TimeExpression, ...] = ()
    statements: tuple[Statement, ...] = ()
    issues: tuple[Issue, ...] = ()
    stances: tuple[Stance, ...] = ()
    events: tuple[Event, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    extractor: str = "kg"  # software name and version, for PROV
    extracted_at: datetime | None = None
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def actor(self, key: str) -> Actor | None:
        """Return the actor with ``key``, or None."""
        for actor in self.actors:
            if actor.key == key:
                return actor
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionResult:
    """What the mention stage produces: actors, their mentions and the post holdings it saw."""

    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    holdings: tuple[PostHolding, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class IssueMention:
    """A span that names an issue ("NATO-Mitgliedschaft der Ukraine", "sanctions on Russia").

    ``subject``/``object`` are the actor keys the phrase itself fills (None when the text leaves
    a slot open: "eine schnelle Einladung"); the stance stage completes open slots.
    ``asserts`` is True when the phrase presents the proposition as wanted or expected ("die
    Zukunft der Ukraine in der NATO"), so stating it is a stance even without a cue verb.
    """

    id: str
    start: int
    end: int
    surface: str
    relation: str
    subject: str | None = None
    object: str | None = None
    sentence_id: str | None = None
    trigger: str = ""  # the lexicon pattern that fired
    asserts: bool = False
    confidence: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """A number or range with what it counts or measures, normalised.

    "19 weitere Flugabwehrsysteme" -> low 19; "zwischen 25 und 40 Kilometern" -> low 25, high 40;
    "acht Milliarden Dollar" -> low 8e9. ``unit`` is the counted noun or unit as written.
    """

    id: str
    start: int
    end: int
    surface: str
    low: float
    high: float | None = None  # upper end of a range; None for a single value
    unit: str | None = None
    approximate: bool = False  # "rund", "fast", "about"
    comment: int | None = None


# --------------------------------------------------------------------------------------------
# Linking: an actor tied to a Wikidata item
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """An actor linked (or considered for linking) to a Wikidata item.

    ``method`` says how: ``"gazetteer"`` (curated QID) or ``"wikidata.<evidence>"`` (online:
    which label matched and which context agreed, e.g. ``"wikidata.label+post+country"``).
    ``accepted`` is False below the linking threshold: such a link is kept for review but is
    never written as ``schema:sameAs`` (a wrong QID is worse than none).
    """

    actor: str  # Actor.key
    qid: str
    method: str
    confidence: float
    accepted: bool = True
    label: str | None = None  # the item's label, for review
    description: str | None = None  # the item's description, for review
    alternatives: tuple[str, ...] = ()  # other candidate QIDs that were considered
