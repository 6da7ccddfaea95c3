"""Item analysis verdicts: the most serious flag names the verdict; every flag gets its action."""

from modules.item_verdicts import item_actions, item_verdict, reliability, short_prompt


def test_the_most_serious_flag_names_the_verdict():
    assert item_verdict([]) == "fine"
    assert item_verdict([("unused_distractor", 2), ("too_easy", 0.97)]) == "too_easy"
    assert item_verdict([("too_easy", 0.97), ("negative_discrimination", -0.2)]) == "negative_discrimination"
    assert item_actions([("unused_distractor", 1), ("unused_distractor", 3), ("too_hard", 0.1)]) == \
        ["too_hard", "unused_distractor"]


def test_reliability_bands():
    assert [reliability(a) for a in (None, 0.82, 0.7, 0.6, 0.2)] == \
        [None, "reliable", "reliable", "somewhat", "unreliable"]


def test_a_long_prompt_is_cut_at_a_word():
    assert short_prompt("Anda   menerima\nsurel") == "Anda menerima surel"
    cut = short_prompt("kata " * 40, limit=22)
    assert cut == "kata kata kata kata …"
