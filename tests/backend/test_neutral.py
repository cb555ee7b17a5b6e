"""A neutral wire story: sourced, plainly worded. It must get no loaded_framing
card, and most of its paragraphs no card at all.

The story is written for this test in the style of a wire report; it includes
the traps a loaded-language detector falls into on neutral prose: reported
official designations, neutral reporting of violence, and quotations.
"""

from __future__ import annotations

NEUTRAL = """Flooding forces thousands from homes in northern Italy

ROME (Wire) — Heavy rain caused rivers to burst their banks in northern Italy on Tuesday, forcing about 4,000 people to leave their homes, the civil protection agency said.

The agency said 14 towns in the Emilia-Romagna region were affected and that two people had died, a 71-year-old man in Faenza and a woman whose car was swept off a road near Cesena.

"The situation remains critical in the lower valleys," regional president Michele de Pascale told reporters in Bologna. "We expect the river levels to peak overnight."

Rail operator Trenitalia suspended services on two lines between Bologna and Rimini, according to a statement on its website.

Italy's cabinet is expected to declare a state of emergency for the region on Wednesday, which would release funds for repairs, a government official said, speaking on condition of anonymity because the decision had not been announced.

Separately, a court in Milan on Tuesday convicted two men of financing a group that the European Union lists as a terrorist organization. Prosecutors said the men had sent about 60,000 euros abroad between 2019 and 2021.

The region was hit by similar floods in May 2023, when 17 people died and damage was estimated at 8.5 billion euros.
"""  # noqa: E501 (one paragraph a line: the article as a reader's text)


def test_neutral_wire_story_gets_no_loaded_framing(client):
    r = client.post("/api/v1/analyze", json={"text": NEUTRAL})
    assert r.status_code == 200
    body = r.get_json()
    assert body["article"]["text"] == NEUTRAL
    framing = [c for c in body["cards"] if c["kind"] == "loaded_framing"]
    assert framing == [], [c["evidence"] for c in framing]
    assert body["claims"], "a wire story with figures states check-worthy claims"


def test_most_paragraphs_of_a_neutral_story_carry_no_card(client):
    body = client.post("/api/v1/analyze", json={"text": NEUTRAL}).get_json()
    paragraphs = [b for b in body["article"]["blocks"] if b["kind"] == "paragraph"]
    with_card = {
        i for i, b in enumerate(paragraphs)
        for c in body["cards"] if b["start"] <= c["anchor"]["start"] < b["end"]
    }
    assert len(with_card) <= len(paragraphs) // 3
