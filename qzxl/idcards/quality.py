"""What makes a card unfit for a true-size copy, measured on the straightened card.

Each finding is a catalogue code; the thresholds are here, with what they were measured on
(``python -m benchmarks.idcards`` prints the rates).

>>> from qzxl.idcards.samples import draw_card
>>> from qzxl.idcards.detect import as_array, cards_in_photo
>>> [card_findings(card) for card in cards_in_photo(as_array(draw_card("back", seed=1)))]
[[]]
"""

from __future__ import annotations

from qzxl.idcards.detect import CardImage

# Below 150 dpi at true size (505 px across 85.6 mm) the 2.5 mm characters of the address are ~15 px high: soft.
MIN_WIDTH_PX = 505
# Variance of the Laplacian of the straightened card. Drawn cards 550–800 px wide measured 1800–3800 sharp,
# 34–52 at a blur of σ 1.8 px (text still clear), 16–25 at σ 2.5 and 6–11 at σ 4 (text smeared).
MIN_SHARPNESS = 25.0
# Blown-out share of the card that hides print (see detect.glare_share).
GLARE_SHARE = 0.01


def card_findings(card: CardImage) -> list[tuple[str, dict]]:
    """What is wrong with one card read from a photo, as (catalogue code, parameters); empty: fit to copy."""
    if card.side is None and not card.pale:
        return [("idcard-not-resident-card", {})]
    findings: list[tuple[str, dict]] = []
    if card.side is None:  # size and sharpness say nothing more about a card that cannot be read at all
        findings.append(("idcard-side-unknown", {}))
    elif card.source_width < MIN_WIDTH_PX:
        findings.append(("idcard-small", {"width": round(card.source_width),
                                          "dpi": round(card.source_width / (85.6 / 25.4))}))
    elif card.sharpness < MIN_SHARPNESS:
        findings.append(("idcard-blurred", {}))
    if card.glare >= GLARE_SHARE:
        findings.append(("idcard-glare", {"share": round(100 * card.glare)}))
    return findings
