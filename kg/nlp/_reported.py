"""Reported (indirect) speech licensed by a speech verb (private helper of statements).

Rules, each licensed by the lexicon: a clause before an inverted cue ("…, sagte Sybiha", "…,
teilte das Ministerium mit", "…, Putin said"); a dass/that clause, a Konjunktiv clause or a
zu-infinitive after a speech verb ("Rutte betonte, dass …", "kündigte an, … voranzutreiben");
a colon without quotation marks ("Rutte sagte: …"); "Das kündigte X an" after the sentence it
reports. Attribution phrases and colon headlines are in ``_attribution``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.model import ActorKind
from kg.nlp._speakers import Speaker, find_after, find_subject, is_blocked
from kg.nlp._speech_doc import CLAUSE_PUNCT, Cue, Doc, Found

#: Tokens allowed between a speech verb and its complement (speaker, time, place, hearer):
#: "erklärte der ukrainische Präsident … am Sonntagabend in seiner Videoansprache, …".
MAX_COMPLEMENT_GAP = 16
#: Tokens a clause-final attribution (", so Rutte am Dienstag.") may have after its speaker.
MAX_TAIL_TOKENS = 5
#: Tokens before a colon that can still be a speaker label ("Kreml-Sprecher Peskow:").
MAX_LABEL_TOKENS = 5
#: Tokens of a subject between a clause and its cue ("…, a government spokesperson in Berlin said").
MAX_SUBJECT_TOKENS = 8
#: Tokens from the sentence start within which a fronted subject begins ("Foreign Minister X, …").
MAX_SUBJECT_OFFSET = 3
#: Tokens after an English speech verb within which "that" still introduces its clause
#: ("said on Thursday that", "told a news conference that").
MAX_BEFORE_THAT = 6
#: Tokens of the shortest prepositional phrase between "said" and its clause ("on Tuesday").
MIN_PP_TOKENS = 2
#: Shortest reported clause, in word tokens; shorter ones are fragments, not statements.
MIN_CLAUSE_WORDS = 3
#: A clause before an inverted cue that is mostly one quotation is that direct quote.
QUOTE_SHARE_DIRECT = 0.5
_ZU_INFINITIVE = re.compile(r"^\w+zu\w+en$")


def has_finite(doc: Doc, i: int, j: int) -> bool:
    """True when tokens ``i..j`` hold a finite-verb marker (Konjunktiv, auxiliary, past tense)."""
    return _has_konj(doc, i, j) or (doc.lex.lang == "en" and _past_verb(doc, i + 1, j))


def clause_span(doc: Doc, i: int, j: int) -> tuple[int, int] | None:
    """Character span of tokens ``i..j`` without edge punctuation, or None if too short."""
    punct = doc.punct_at
    while i < j and punct[i]:
        i += 1
    while j > i and punct[j - 1]:
        j -= 1
    if doc.words_in(i, j) < MIN_CLAUSE_WORDS:
        return None
    return doc.tokens[i].start, doc.tokens[j - 1].end


def _cue_span(doc: Doc, cue: Cue | tuple[int, int], speaker: Speaker | None) -> tuple[int, int]:
    first, last = (cue.index, cue.last) if isinstance(cue, Cue) else cue
    if speaker is not None:
        first, last = min(first, speaker.first), max(last, speaker.last)
    return doc.tokens[first].start, doc.tokens[last].end


def found_record(
    doc: Doc, span: tuple[int, int] | None, speaker: Speaker | None, cue: Cue | tuple[int, int],
    sentence: int, method: str, confidence: float,
) -> Found | None:  # fmt: skip
    if span is None:
        return None
    lemma = cue.verb.lemma if isinstance(cue, Cue) else None
    score = confidence * (speaker.confidence if speaker else 1.0)
    return Found(
        span[0], span[1], False, speaker, lemma, _cue_span(doc, cue, speaker), sentence,
        method, round(score, 3),
    )  # fmt: skip


def _mostly_quote(doc: Doc, i: int, j: int) -> bool:
    """True when tokens ``i..j`` are essentially one direct quotation (plus a lead-in)."""
    while j > i and doc.tokens[j - 1].text in CLAUSE_PUNCT:
        j -= 1
    if j <= i or doc.token_quote[j - 1] is None:
        return False
    quoted = sum(1 for k in range(i, j) if doc.token_quote[k] == doc.token_quote[j - 1])
    return quoted >= QUOTE_SHARE_DIRECT * (j - i)


def _is_relative(doc: Doc, a: int, seg: int) -> bool:
    """True when the clause starting at token ``seg`` is a relative clause (", der …,")."""
    return seg > a and doc.lower(seg - 1) == "," and doc.lower(seg) in doc.lex.words("relative")


def _subject_lo(doc: Doc, a: int, v: int) -> int:
    """Start of the verb's clause, stepping back over relative clauses ("X, der …, sagte")."""
    lo = doc.clause_start(v, a)
    while lo > a and doc.tokens[lo - 1].text == ",":
        seg = doc.clause_start(lo - 1, a)
        if not _is_relative(doc, a, seg):
            break
        lo = doc.clause_start(seg - 1, a) if seg > a else a
    return lo


def speaker_of(doc: Doc, a: int, b: int, cue: Cue, previous: Speaker | None) -> Speaker | None:
    """The speaker of ``cue`` in the sentence ``a..b`` (``previous``: an earlier conjunct's).

    Looks for the subject before the verb (stepping over relative clauses and, when the verb
    directly follows a comma, into an appositive segment: "Her colleague, Senator X, said"),
    then after the verb up to its complement, then takes ``previous`` for a conjunct or an
    English participle ("und kündigte an", "adding that").
    """
    found = _own_speaker(doc, a, b, cue)
    if found is None and previous is not None and _conjunct(doc, a, cue):
        return previous  # "teilte Selenskyj mit und kündigte an, …", "said X, adding that …"
    return found


def _conjunct(doc: Doc, a: int, cue: Cue) -> bool:
    """True for a verb that may share an earlier verb's subject ("und kündigte an", "adding")."""
    v = cue.index
    return doc.lower(doc.clause_start(v, a)) in ("und", "and") or doc.lower(v).endswith("ing")


def _own_speaker(doc: Doc, a: int, b: int, cue: Cue) -> Speaker | None:
    """``speaker_of`` without the fallback to an earlier conjunct's speaker."""
    v = cue.index
    impersonal = "es" in cue.verb.frames
    if not impersonal:
        lo = _subject_lo(doc, a, v)
        found = find_subject(doc, lo, v)
        if found is None and lo == v and lo > a and doc.lower(lo - 1) == ",":
            found = find_subject(doc, doc.clause_start(lo - 1, a), lo - 1)
            found = found if found is None or _is_appositive(doc, a, found) else None
            if found is None and doc.first_cue(a, v, v) is None:
                found = find_subject(doc, a, v)  # "Peskov, the Kremlin spokesman, said …"
                bare = (
                    found is not None
                    and found.first - a <= MAX_SUBJECT_OFFSET
                    and doc.lower(found.last + 1) == ","
                )
                found = found if bare else None
        if found is not None:
            return found
    start = v + 2 if impersonal and doc.lower(v + 1) == "es" else v + 1
    complement = _complement(doc, cue, b)
    stop = complement[0] if complement is not None else b
    return find_after(doc, start, stop, verb=v, allow_source=impersonal)


def _is_appositive(doc: Doc, a: int, found: Speaker) -> bool:
    """True when ``found`` is a person in a comma segment that follows the sentence's opening
    noun phrase ("Her Democratic colleague, Senator Raymond Okafor of Maryland, said")."""
    seg = doc.clause_start(found.first, a)
    return (
        seg > a
        and doc.actor_kind(found.actor) == ActorKind.PERSON.value
        and doc.first_cue(a, seg, found.first) is None
    )


def _inverted(doc: Doc, a: int, cue: Cue) -> int | None:
    """The comma token before an inverted cue ("<clause>, sagte X"), or None."""
    v = cue.index
    after = doc.lower(cue.last + 1)
    if after in doc.lex.words("complementizer") or after == ":" or doc.lower(v).endswith("ing"):
        return None  # the verb has its own complement: ", adding that …", ", betonte, dass …"
    k = v - 1
    if doc.lower(k) != ",":
        lo = doc.clause_start(v, a)  # English "<clause>, Putin said", "…, a spokesperson said"
        if lo <= a or doc.lower(lo - 1) != "," or v - lo > MAX_SUBJECT_TOKENS:
            return None
        k = lo - 1
    seg = doc.clause_start(k, a)
    if _is_relative(doc, a, seg):
        return None
    if _complement(doc, cue, len(doc.tokens)) is not None:
        return None  # "…, said Congress had approved …": the clause follows the verb
    label = find_subject(doc, seg, k) if seg > a else None
    if label is not None and label.first <= seg + 1 and label.last == k - 1:
        return None  # "Der Sprecher …, Madschid al-Ansari, sagte": an apposition, not a clause
    return k


def _zu_end(doc: Doc, i: int, stop: int) -> int | None:
    """Token index after a zu-infinitive that ends the clause starting at ``i``."""
    end = doc.clause_end(i, stop, marks=False)  # "sich an einem „Verrat …“ zu beteiligen"
    for k in range(end - 1, i - 1, -1):
        word = doc.lower(k)
        lowercase = doc.tokens[k].text.islower()
        if lowercase and (
            (doc.lower(k - 1) == "zu" and word.endswith("en")) or _ZU_INFINITIVE.match(word)
        ):
            return k + 1
    return None


def konj_tokens(doc: Doc, i: int, j: int, *, substitutes: bool) -> list[int]:
    """Konjunktiv I (and, with ``substitutes``, II) verb forms in tokens ``i..j`` outside quotes,
    except after "ich" and inside fixed phrases ("es sei denn")."""
    return doc.konj_tokens(i, j, substitutes=substitutes)


def _has_konj(doc: Doc, i: int, j: int) -> bool:
    return bool(konj_tokens(doc, i, j, substitutes=True))


def _complement(doc: Doc, cue: Cue, b: int) -> tuple[int, int, str] | None:
    """The reported clause after a speech verb: (first token, end token, method)."""
    key = ("complement", cue.index, cue.particle, id(cue.verb), b)
    if key not in doc.memo:
        doc.memo[key] = _find_complement(doc, cue, b)
    return doc.memo[key]  # type: ignore[return-value]


def _find_complement(doc: Doc, cue: Cue, b: int) -> tuple[int, int, str] | None:
    frames = cue.verb.frames
    i = max(cue.index, cue.last) + 1
    low, quoted, boundary = doc.low, doc.quoted_at, doc.boundary_at
    dass = "dass" in frames and doc.lex.words("complementizer")
    english = doc.lex.lang == "en" and "clause" in frames
    for _ in range(MAX_COMPLEMENT_GAP):
        if i >= b or quoted[i]:
            return None
        word = low[i]
        if dass and word in dass:
            return i + 1, b, "dass"
        if word == ":":
            return (i + 1, b, "colon") if not doc.quoted(i + 1) else None
        if word == ",":
            return _after_comma(doc, cue, i + 1, b)
        if boundary[i]:
            return None
        if english and _bare_start(doc, cue, i):
            bare = _english_bare(doc, cue, i, b)
            if bare is not None:
                return bare
        i += 1
    return None


def _bare_start(doc: Doc, cue: Cue, i: int) -> bool:
    """Where an English clause without "that" may begin: right after the verb, or after a
    prepositional phrase ("said on Tuesday Russia would …", "said in Brussels the alliance …")."""
    first = max(cue.index, cue.last) + 1
    if i == first:
        return True
    starts_np = doc.tokens[i].text[:1].isupper() or doc.lower(i) in doc.lex.words("determiner")
    return (
        doc.lower(first) in doc.lex.words("preposition")
        and i - first >= MIN_PP_TOKENS
        and starts_np
    )


def _after_comma(doc: Doc, cue: Cue, i: int, b: int) -> tuple[int, int, str] | None:
    if i >= min(b, len(doc.tokens)):
        return None  # the comma ends the sentence: nothing is reported after it
    frames = cue.verb.frames
    if doc.lower(i) in doc.lex.words("complementizer") and "dass" in frames:
        return i + 1, b, "dass"
    if doc.lower(i) in doc.lex.words("inf_blocker") or doc.cue_at(i, b) is not None:
        return None  # purpose clause ("um … zu"), or the next cue's turn (", adding that …")
    end = doc.clause_end(i, b)
    if "clause" in frames and doc.lex.lang == "de":
        if doc.lower(i) in doc.lex.words("relative") and _verb_final(doc, i, end):
            return None  # "warnte vor einem Vakuum, das Dschihadisten nutzen könnten": relative
        if _has_konj(doc, i, end):
            return i, b, "konjunktiv-clause"
        after_speaker = any(
            doc.is_speaker_form(m) and not is_blocked(doc, doc.mention_first[m.id])
            for m in doc.mentions_ending.get(i - 1, ())
        )  # "sagte Rutte, der …" may open a relative clause; "sagte in Paris, …" does not
        # "der/die/das" open a relative clause when another clause follows it ("sagte in einem
        # Interview, das am Montag erschien, …"), an article when the clause runs to the end
        relative = doc.lower(i) in doc.lex.words("relative") and end < b - 1
        opener = relative or doc.lower(i) in doc.lex.words("subordinator")
        if not after_speaker and not opener and not doc.is_boundary(i) and "inf" not in frames:
            return i, b, "clause"  # "sagte in Paris, Frankreich respektiert …" (indicative)
    if "inf" in frames:
        stop = _zu_end(doc, i, b)
        if stop is not None:
            return i, stop, "infinitive"
    return None


def _verb_final(doc: Doc, i: int, end: int) -> bool:
    """True when the clause ``i..end`` ends in its finite verb (a German subordinate clause);
    a main clause has it second ("die Lage sei ernst")."""
    last = end - 1
    while last > i and doc.is_boundary(last):
        last -= 1
    return last > i + 1 and bool(konj_tokens(doc, last, last + 1, substitutes=True))


def _english_bare(doc: Doc, cue: Cue, i: int, b: int) -> tuple[int, int, str] | None:
    """'Putin said Russia would …' / 'told reporters the plan was …' (no "that")."""
    if _that_ahead(doc, cue, i, b):
        return None  # "said Thursday that …", "told a news conference that …": the loop gets "that"
    if "obj" in cue.verb.frames:
        if i in doc.mention_at:
            i = doc.mention_end[doc.mention_at[i].id]
        else:
            i += 2 if doc.lower(i) in doc.lex.words("determiner") else 1
    word = doc.lower(i)
    if word in doc.lex.words("complementizer"):
        return i + 1, b, "dass"
    if not word or word in doc.lex.words("preposition") or word in ("to", "so", "nothing"):
        return None
    if word in doc.lex.konj2:
        return None  # "which officials said would be …": the subject is outside
    end = doc.clause_end(i, b)
    if doc.is_boundary(i) or not (_has_konj(doc, i, end) or _past_verb(doc, i + 1, end)):
        return None  # no finite verb: "warned the United States against …" is no clause
    return i, b, "bare"


def _that_ahead(doc: Doc, cue: Cue, i: int, b: int) -> bool:
    """True when "that" introduces the verb's clause a few tokens on ("said on Thursday that"),
    not a relative clause inside the subject of a bare clause ("said any decision that …")."""
    starters = doc.lex.words("determiner", "indefinite")
    complementizers, prepositions = doc.lex.words("complementizer"), doc.lex.words("preposition")
    hearer = "obj" in cue.verb.frames  # "told a news conference that": one noun phrase allowed
    for k in range(i, min(doc.clause_end(i, b), i + MAX_BEFORE_THAT)):
        word = doc.lower(k)
        if word in complementizers:
            return True
        if word in starters and doc.lower(k - 1) not in prepositions:
            if not hearer:
                return False
            hearer = False
    return False


def _past_verb(doc: Doc, i: int, j: int) -> bool:
    """An English past-tense verb after a noun ("the deployments violated …"), not an attributive
    participle after a determiner ("a planned sale")."""
    function = doc.lex.words("determiner", "preposition", "indefinite")
    return any(
        doc.lower(k - 1) not in function and not doc.is_boundary(k - 1)
        for k in range(i, j)
        if doc.lower(k).endswith("ed") and doc.tokens[k].text.islower()
    )


def _right_after(doc: Doc, v: int, speaker: Speaker) -> bool:
    """True when the speaker's noun phrase starts right after verb ``v`` ("Das sagte Rutte",
    "Das kündigte der litauische Minister X an"), not "Das erklärte Ziel der Regierung …"."""
    if speaker.first == v + 1:
        return True
    dets = doc.lex.words("determiner")
    return doc.lower(v + 1) in dets and not any(
        doc.lower(k) in dets for k in range(v + 2, speaker.first)
    )


def verb_rules(doc: Doc, sentence: int) -> Iterator[Found]:
    """Statements licensed by a reporting verb in ``sentence``."""
    a, b = doc.sentence_range[sentence]
    cues = [cue for cue in (doc.cue_at(v, b) for v in doc.verbs_in(a, b)) if cue is not None]
    own: dict[int, Speaker | None] = {}

    def own_speaker(n: int) -> Speaker | None:
        if n not in own:
            own[n] = _own_speaker(doc, a, b, cues[n])
        return own[n]

    def speaker_at(n: int) -> Speaker | None:
        """``speaker_of`` cue ``n`` with the earlier cues' speakers as ``previous``, computed
        only for cues that yield a statement (the previous speaker is the last one found)."""
        found = own_speaker(n)
        if found is None and _conjunct(doc, a, cues[n]):
            return next((s for m in range(n - 1, -1, -1) if (s := own_speaker(m))), None)
        return found

    for n, cue in enumerate(cues):
        v = cue.index
        comma = _inverted(doc, a, cue) if "clause" in cue.verb.frames else None
        if comma is not None:
            lo = next((k + 1 for k in range(comma - 1, a - 1, -1) if doc.lower(k) == ":"), a)
            fronted_pp = doc.lower(lo) in doc.lex.words("preposition") and comma - lo <= 4
            span = clause_span(doc, lo, comma)
            if (
                span is not None
                and not fronted_pp
                and not _mostly_quote(doc, lo, comma)
                and not all(doc.quoted(k) for k in range(lo, comma))
            ):
                found = found_record(doc, span, speaker_at(n), cue, sentence, "clause+cue", 0.9)
                if found is not None:
                    yield found
            continue
        complement = _complement(doc, cue, b)
        if complement is not None:
            i, j, method = complement
            span = clause_span(doc, i, j)
            if span is not None:
                yield from filter(
                    None, [found_record(doc, span, speaker_at(n), cue, sentence, method, 0.9)]
                )
        elif (
            v == a + 1
            and doc.lower(a) in doc.lex.words("anaphor")
            and sentence > 0
            and (speaker := speaker_at(n)) is not None
            and _right_after(doc, cue.index, speaker)
        ):
            # "Litauen will … liefern. Das kündigte der Minister an.": the previous sentence
            pa, pb = doc.sentence_range[sentence - 1]
            if not any(doc.quoted(k) for k in range(pa, pb)):
                span = clause_span(doc, pa, pb)
                yield from filter(
                    None, [found_record(doc, span, speaker, cue, sentence, "anaphor", 0.8)]
                )
