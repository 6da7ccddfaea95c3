"""The course evaluation: the person's marker, kept apart from their anonymous response.
The rules are in modules/evaluation.py.
"""

from __future__ import annotations

import datetime as dt
import secrets

from modules.timestamps import stamp


class EvaluationMixin:
    """The course evaluation (mixed into Store)."""

    # ------------------------------------------------------------ course evaluation (rules in modules/evaluation.py)

    def evaluation_submitted(self, user_id: int) -> bool:
        """Whether this person has submitted the course evaluation (the marker; never their answers)."""
        return self._row("SELECT 1 AS done FROM evaluation_submissions WHERE user_id = ?", (user_id,)) is not None

    def save_evaluation(self, *, user_id: int, form_version: str, ratings: list[tuple[str, str, int]],
                        comments: list[tuple[str, str]], now: dt.datetime) -> bool:
        """Store one evaluation in one transaction: the person's marker, and apart from it an anonymous
        response (batch, agency, region; no user id) with its ratings (aspect, item, 1–n) and comments.
        False, changing nothing, when this person has submitted already."""
        with self.write(person=user_id) as conn:
            marked = conn.execute("INSERT INTO evaluation_submissions (user_id, submitted_at) VALUES (?, ?) "
                                  "ON CONFLICT DO NOTHING", (user_id, stamp(now))).rowcount
            if not marked:
                return False
            user = conn.execute("SELECT batch_id, agency, region FROM users WHERE id = ?", (user_id,)).fetchone()
            while True:  # a random id, so the rows' order says nothing about who came when
                response_id = secrets.randbelow(2**62) + 1
                if conn.execute("INSERT INTO evaluation_responses (id, form_version, batch_id, agency, region) "
                                "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                (response_id, form_version, *user)).rowcount:
                    break
            conn.executemany("INSERT INTO evaluation_ratings (response_id, aspect, item_id, rating) "
                             "VALUES (?, ?, ?, ?)",
                             [(response_id, *rating) for rating in ratings])
            conn.executemany("INSERT INTO evaluation_comments (response_id, question_id, text) VALUES (?, ?, ?)",
                             [(response_id, *comment) for comment in comments])
        return True
