"""Tests for kg.nlp.claims: claim cues and who vouches for a claim."""

from __future__ import annotations

import pytest

from kg.errors import ConfigError
from kg.model import EpistemicStatus, Mention
from kg.nlp.claims import build_claim, find_claim_cues, load_claim_lexicon


def _statuses(text: str, lang: str) -> list[str]:
    return [c.status for c in find_claim_cues(text, 0, len(text), load_claim_lexicon(lang))]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Russland hat nach eigenen Angaben zwei Dörfer erobert.", "de", ["claimed-unverified"]),
        ("Laut dem Verteidigungsministerium fiel das Dorf.", "de", ["claimed-unverified"]),
        ("Die Angaben ließen sich nicht unabhängig überprüfen.", "de", ["claimed-unverified"]),
        ("Russland soll zwei Dörfer erobert haben.", "de", ["claimed-unverified"]),
        ("Der Kreml bestritt den Angriff.", "de", ["denied"]),
        ("Russland hat die Ukraine nicht angegriffen.", "de", ["negation"]),
        ("Die NATO ist nicht nur ein Bündnis.", "de", []),
        ("Deutschland will Panzer liefern.", "de", ["planned-future"]),
        ("Russland würde angreifen, falls die NATO eingreift.", "de",
         ["hypothetical", "hypothetical"]),
        ("According to Ukrainian officials, Russia launched drones.", "en",
         ["claimed-unverified"]),
        ("The claim could not be independently verified.", "en", ["claimed-unverified"]),
        ("Russia allegedly attacked the town.", "en", ["claimed-unverified"]),
        ("China did not attack the vessels.", "en", ["negation"]),
        ("France said it would send missiles.", "en", ["planned-future"]),
        ("Germany plans to deliver tanks.", "en", ["planned-future"]),
        ("The Membership Action Plan was dropped.", "en", []),
        ("Iran could launch an attack if Israel strikes.", "en", ["hypothetical", "hypothetical"]),
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v else None,
)  # fmt: skip
def test_find_claim_cues(text: str, lang: str, expected: list[str]) -> None:
    assert _statuses(text, lang) == expected


def _mention(text: str, surface: str, actor: str) -> Mention:
    start = text.index(surface)
    return Mention(id=f"m-{start}", start=start, end=start + len(surface), surface=surface,
                   actor=actor)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "mentions", "agent", "author"),
    [
        ("Die Streitkräfte brachten nach eigenen Angaben Dörfer unter Kontrolle.", [],
         "armed-forces-of-russia", "armed-forces-of-russia"),
        ("Nach Angaben des russischen Verteidigungsministeriums fiel das Dorf.",
         [("russischen Verteidigungsministeriums", "ministry-of-defence-of-russia")], None,
         "ministry-of-defence-of-russia"),
        ("Dem Kreml zufolge fiel das Dorf.", [("Kreml", "presidential-administration-of-russia")],
         None, "presidential-administration-of-russia"),
        ("Angeblich fiel das Dorf.", [], None, None),
    ],
    ids=["self", "after", "before", "none"],
)  # fmt: skip
def test_build_claim_finds_the_author(
    text: str, mentions: list[tuple[str, str]], agent: str | None, author: str | None
) -> None:
    found = [_mention(text, s, a) for s, a in mentions]
    cues = find_claim_cues(text, 0, len(text), load_claim_lexicon("de"))
    claim = build_claim(cues, found, agent=agent, subject=None, text=text)
    assert claim is not None
    assert (claim.status, claim.author) == (EpistemicStatus.CLAIMED_UNVERIFIED, author)


def test_build_claim_without_cues_is_none() -> None:
    text = "Russland eroberte das Dorf."
    assert build_claim(find_claim_cues(text, 0, len(text), load_claim_lexicon("de")), (),
                       agent="russia", subject="russia", text=text) is None  # fmt: skip


def test_load_claim_lexicon_rejects_a_bad_status(tmp_path: object) -> None:
    from pathlib import Path

    directory = Path(str(tmp_path))
    (directory / "claim_cues.tsv").write_text("maybe\tvielleicht\tnone\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="expected status"):
        load_claim_lexicon("de", directory)
