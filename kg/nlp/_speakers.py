"""Find the grammatically licensed speaker of a speech cue (private helper of statements).

The speaker is a mention in subject position before the cue ("Rutte sagte", "Kiew hatte
klargemacht"), right after it in inversion ("sagte der NATO-Chef", "teilte das Außenministerium
in Moskau mit"), a pronoun resolved to the last compatible person, or a role noun resolved through
the post holdings the text states ("der Sprecher des Präsidialamts"). A mention behind a
preposition ("in Kiew", "mit Selenskyj") is not a subject. When nothing qualifies: None.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import ActorKind, Mention, MentionForm
from kg.nlp._speech_doc import CLAUSE_PUNCT, Doc
from kg.nlp.gazetteer import fold

#: Tokens scanned after an inverted verb for its subject ("sagte am Dienstag in Brüssel Rutte").
MAX_AFTER_TOKENS = 8
#: Modifier tokens skipped when looking left of a mention for a preposition ("in der ukrainischen").
MAX_MODIFIERS = 3
#: Tokens allowed between two mentions of one appositive noun phrase ("Kreml-Sprecher Dmitri").
MAX_APPOSITION_GAP = 3
#: How far back (sentences) a pronoun may find its antecedent; news prose re-names people often.
MAX_PRONOUN_SENTENCES = 4
#: Tokens of a definite noun phrase searched for its head noun ("der frühere SPD-Politiker").
MAX_NP_TOKENS = 5
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
_PERSON = ActorKind.PERSON.value
_STOPS_AFTER = CLAUSE_PUNCT - {"(", ")"}  # what ends the search for an inverted subject
_BODY_KINDS = frozenset(
    {ActorKind.GOVERNMENT_BODY.value, ActorKind.ORGANIZATION.value, ActorKind.MILITARY.value}
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: actor key, the mention it came from and its token span."""

    actor: str
    mention: str | None
    first: int
    last: int
    method: str
    confidence: float


def _is_modifier(doc: Doc, i: int) -> bool:
    word = doc.lower(i)
    if word in doc.lex.words("determiner") or word == "-":
        return True
    token = doc.tokens[i].text
    return token.islower() and word.endswith(_ADJECTIVE_ENDINGS) and word not in doc.lex.verbs


def is_blocked(doc: Doc, first: int, *, allow_source: bool = False, floor: int = 0) -> bool:
    """True when a preposition at or after token ``floor`` governs the noun phrase at ``first``."""
    prepositions = doc.lex.words("preposition")
    i = first - 1
    for _ in range(MAX_MODIFIERS + 1):
        if i < floor:
            return False
        word = doc.lower(i)
        if word in prepositions:
            return not (allow_source and word in doc.lex.words("source_prep"))
        if not _is_modifier(doc, i):
            return False
        i -= 1
    return False


def _in_apposition(doc: Doc, j: int) -> bool:
    """Whether token ``j`` may stand between two names of one noun phrase
    ("Kreml-Sprecher", "Foreign Ministry spokeswoman", "press secretary")."""
    word = doc.lower(j)
    if doc.is_boundary(j) or word in doc.lex.verbs or word in doc.lex.words("preposition"):
        return False
    if word in doc.lex.words("conjunction"):
        return False  # "Macron und Scholz": two speakers, not one noun phrase
    return word[:1].isalpha() or word == "-"


def _chain(doc: Doc, mention: Mention) -> Mention:
    """In an appositive chain ("Kreml-Sprecher Dmitri Peskow") prefer the last person."""
    best = mention
    end = doc.mention_end[mention.id]
    mention_at = doc.mention_at
    while True:
        nxt = None
        for j in range(end, min(end + MAX_APPOSITION_GAP + 1, len(doc.tokens))):
            if j in mention_at:
                nxt = mention_at[j]
                break
        if nxt is None or not doc.is_speaker_form(nxt):
            return best
        gap = range(end, doc.tok(nxt.start))
        if not all(_in_apposition(doc, j) for j in gap):
            return best  # role nouns, "-" and adjectives join an apposition, "wrote on" does not
        if doc.actor_kind(nxt.actor) == _PERSON:
            best = nxt
        end = doc.mention_end[nxt.id]


def _holder(doc: Doc, noun: str, of: str | None, before: int) -> str | None:
    """The person whose stated post matches role noun ``noun`` (and ``of``), most recent first."""
    holders = _holders(doc, fold(noun), of)
    if not holders:
        return None
    for mention in reversed(doc.mentions_between(0, before)):
        if mention.actor in holders:
            return mention.actor
    return next(iter(holders)) if len(holders) == 1 else None


def _holders(doc: Doc, folded: str, of: str | None) -> set[str]:
    """The persons holding a stated post named by role noun ``folded`` (of ``of``)."""
    key = ("holders", folded, of)
    if key not in doc.memo:
        doc.memo[key] = {
            h.person
            for h in doc.holdings
            if (of is None or h.of == of)
            and (fold(h.descriptor or "").endswith(folded) or fold(h.role) == folded)
        }
    return doc.memo[key]  # type: ignore[return-value]


def _from_mention(doc: Doc, mention: Mention, method: str) -> Speaker:
    chosen = _chain(doc, mention)
    first = doc.mention_first[mention.id]
    last = doc.mention_end[chosen.id] - 1
    if doc.actor_kind(chosen.actor) != _PERSON and last + 1 < len(doc.tokens):
        # "the Kremlin spokesman": an organisation followed by a role noun is its post holder
        noun = doc.tokens[last + 1].text
        holder = _holder(doc, noun, chosen.actor, mention.start) if noun[:1].isalpha() else None
        if holder is not None:
            return Speaker(holder, chosen.id, first, last + 1, method + "+role", 0.8)
    confidence = 0.9 if chosen.form in (MentionForm.NAME, MentionForm.SHORT_NAME) else 0.8
    return Speaker(chosen.actor, chosen.id, first, last, method, confidence)


def resolve_pronoun(doc: Doc, i: int, gender: str) -> Speaker | None:
    """Resolve token ``i`` to the last person of ``gender`` ("m", "f", or "any") before it.

    A person with no recorded gender is accepted only when no other person is in reach; plural
    and unknown values refuse rather than guess.
    """
    if gender not in ("m", "f", "any"):
        return None  # "they", plural "sie"
    people: list[Mention] = []
    for mention in _before(doc, i):
        actor = doc.actors.get(mention.actor)
        if actor is None or actor.kind is not ActorKind.PERSON:
            continue
        if gender == "any" or actor.gender == gender:
            return Speaker(actor.key, mention.id, i, i, "pronoun", 0.75)
        people.append(mention)
    unknown = {m.actor for m in people if doc.actors[m.actor].gender is None}
    if len({m.actor for m in people}) == 1 and unknown:
        return Speaker(people[0].actor, people[0].id, i, i, "pronoun", 0.5)
    return None


def _before(doc: Doc, i: int) -> list[Mention]:
    """Mentions outside quotes before token ``i``, nearest first, within the pronoun window."""
    start = doc.tokens[i].start
    sentence = doc.token_sentence[i]
    window = doc.sentences[max(0, sentence - MAX_PRONOUN_SENTENCES)].start if sentence >= 0 else 0
    return [
        m
        for m in reversed(doc.mentions_between(window, start))
        if not doc.quoted(doc.mention_first[m.id])
    ]


def _pronoun(doc: Doc, i: int, verb: int | None) -> Speaker | None:
    value = doc.lex.pronouns.get(doc.lower(i))
    if value is None:
        return None
    if value == "f|pl":  # German "sie": the verb's number decides ("sagte sie" / "sagten sie")
        plural = verb is not None and doc.lower(verb).endswith("n")
        value = "pl" if plural else "f"
    return resolve_pronoun(doc, i, value)


def _np_head(doc: Doc, i: int) -> int | None:
    """The head noun of the noun phrase opened by determiner ``i`` ("der SPD-Politiker")."""
    head = None
    stop_words = doc.lex.words("preposition", "determiner")
    verbs, low, tokens = doc.lex.verbs, doc.low, doc.tokens
    for j in range(i + 1, min(i + 1 + MAX_NP_TOKENS, len(tokens))):
        word = tokens[j].text
        if word == "-":
            continue
        if not word[0].isalnum() or low[j] in stop_words or low[j] in verbs:
            break
        head = j
    return head


def _ends_with(word: str, nouns: tuple[str, ...]) -> bool:
    """True when ``word`` ends in one of ``nouns`` (folded; also in the German feminine "-in")."""
    folded = fold(word)
    return (
        folded.endswith(nouns)
        or folded.removesuffix("in").endswith(nouns)
        or folded.removesuffix("innen").endswith(nouns)
    )


def _body_anaphor(doc: Doc, i: int, head: int) -> Speaker | None:
    """'die Behörde', 'the ministry': the last body of a kind the noun can refer to."""
    folded = fold(doc.tokens[head].text)
    kinds: set[str] = set()
    generic = False
    for noun, value in doc.lex.values.get("body_noun", {}).items():
        if folded.endswith(fold(noun)):
            allowed, _, flag = value.partition(";")
            kinds.update(allowed.split("|"))
            generic = generic or flag == "generic"
    for mention in _before(doc, i):
        actor = doc.actors.get(mention.actor)
        if actor is None or doc.actor_kind(actor.key) not in kinds:
            continue
        if not doc.is_speaker_form(mention):
            continue
        if generic or _head_in(folded, _folded_names(doc, actor.key)):
            return Speaker(mention.actor, mention.id, i, head, "anaphor", 0.6)
    return None


def _folded_names(doc: Doc, key: str) -> str:
    """The folded names of actor ``key``, space-separated (memoised per article)."""
    memo = ("names", key)
    if memo not in doc.memo:
        actor = doc.actors[key]
        doc.memo[memo] = " ".join(fold(n) for n in (actor.name, *actor.names))
    return doc.memo[memo]  # type: ignore[return-value]


def _head_in(head: str, names: str) -> bool:
    """'ministerium' in 'aussenministerium der ukraine', 'ministry' in 'ministry of …'."""
    return any(
        word.endswith(head) or head.endswith(word) for word in names.split() if len(word) > 3
    )


def _descriptor(doc: Doc, i: int) -> Speaker | None:
    """A definite description without a mention of its own: a stated post ("der Sprecher des
    Präsidialamts"), a person noun ("der SPD-Politiker", "the Polish leader") or a body noun
    ("die Behörde", "the ministry") referring back to the last compatible actor."""
    if doc.lower(i) not in doc.lex.words("determiner"):
        return None
    key = ("descriptor", i)
    if key not in doc.memo:
        doc.memo[key] = _find_descriptor(doc, i)
    return doc.memo[key]  # type: ignore[return-value]


def _find_descriptor(doc: Doc, i: int) -> Speaker | None:
    head = _np_head(doc, i)
    covered = doc.covered
    if head is None or head in covered:
        return None  # the mention stage resolved this noun phrase itself
    tokens = doc.tokens
    if any(tokens[k].text[:1].isupper() and k not in covered for k in range(i + 1, head)):
        return None  # a capitalised modifier makes a name ("das Auswärtige Amt"), not an anaphor
    noun = tokens[head].text
    of = None
    if doc.lower(head + 1) in doc.lex.words("determiner") or doc.lower(head + 1) in ("of", "for"):
        k = next((k for k in range(head + 2, head + 5) if k in doc.mention_at), None)
        of = doc.mention_at[k].actor if k is not None else None
    indefinite = doc.lower(i) in doc.lex.words("indefinite")
    holder = None if indefinite else _holder(doc, noun, of, doc.tokens[i].start)
    if holder is not None:
        return Speaker(holder, None, i, head, "descriptor", 0.7)
    is_role = _ends_with(noun, doc.lex.folded_words("role_noun", "person_noun", "body_noun"))
    if is_role and of is not None and doc.actor_kind(of) in _BODY_KINDS:
        # "ein Sprecher des Auswärtigen Amts": the body speaks through an unnamed official
        return Speaker(of, None, i, head, "descriptor+body", 0.6)
    if indefinite:
        return None  # "ein Sprecher", "a diplomat": someone new, not a reference back
    if _ends_with(noun, doc.lex.folded_words("person_noun")):
        gender = "any"
        if doc.lex.lang == "de":
            gender = "f" if noun.endswith("in") or doc.lower(i) == "die" else "m"
        found = resolve_pronoun(doc, i, gender)
        return Speaker(found.actor, found.mention, i, head, "anaphor", 0.6) if found else None
    if _ends_with(noun, doc.lex.folded_words("body_noun")):
        return _body_anaphor(doc, i, head)
    return None


def _is_possessive(doc: Doc, mention: Mention, end: int) -> bool:
    """True for a possessor ("Starmer's government", "Selenskyjs Büro"): not the head noun."""
    if doc.lower(end) in ("'", "’") and doc.lower(end + 1) == "s":
        return True
    nxt = doc.tokens[end].text if end < len(doc.tokens) else ""
    if not (mention.surface.endswith("s") and nxt[:1].isupper() and end not in doc.mention_at):
        return False
    actor = doc.actors.get(mention.actor)
    names = {fold(n) for n in actor.names} | {fold(actor.name)} if actor else set()
    return fold(mention.surface) not in names


def _candidate(
    doc: Doc, i: int, verb: int | None, *, allow_source: bool, method: str, floor: int = 0
) -> Speaker | None:
    if doc.quoted(i):
        return None
    mention = doc.mention_at.get(i)
    if mention is not None and doc.is_speaker_form(mention):
        end = doc.mention_end[mention.id]
        possessive = _is_possessive(doc, mention, end)
        if possessive or is_blocked(doc, i, allow_source=allow_source, floor=floor):
            return None  # "Starmer's government": the person only modifies the head noun
        return _from_mention(doc, mention, method)
    return _pronoun(doc, i, verb) or _descriptor(doc, i)


def find_subject(doc: Doc, lo: int, verb: int) -> Speaker | None:
    """The subject in tokens ``lo..verb`` (relative clauses and quotes skipped)."""
    verb = min(verb, len(doc.tokens))
    low, may_speak = doc.low, doc.may_speak
    relative = doc.lex.words("relative")
    i = lo
    while i < verb:
        if low[i] == "," and doc.lower(i + 1) in relative:
            nxt = next((j for j in range(i + 1, verb) if low[j] == ","), verb)
            i = nxt + 1
            continue
        if may_speak[i]:
            found = _candidate(doc, i, verb, allow_source=False, method="subject")
            if found is not None:
                return found
        i += 1
    return None


def find_after(
    doc: Doc, i: int, stop: int, *, verb: int | None, allow_source: bool
) -> Speaker | None:
    """The first speaker in tokens ``i..stop`` (inverted subject, "laut X", "so X")."""
    end = min(stop, i + MAX_AFTER_TOKENS, len(doc.tokens))
    low, mark, may_speak = doc.low, doc.mark_at, doc.may_speak
    complementizers = doc.lex.words("complementizer")
    for j in range(i, end):
        if low[j] in _STOPS_AFTER or mark[j]:
            return None
        if low[j] in complementizers:
            return None  # the reported clause begins: "adding that Washington …"
        if may_speak[j]:
            found = _candidate(doc, j, verb, allow_source=allow_source, method="inverted", floor=i)
            if found is not None:
                return found
    return None
