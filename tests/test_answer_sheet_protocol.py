"""What a stranger can send as the answer sheet's state over Streamlit's websocket (not through our
page's script): a number, a list, choices that are not options, a key 5,000 characters long. The
page answers without an exception and stores only real choices. Text that is not JSON at all stops
in Streamlit itself, before our script runs: that tab (the sender's own) gets Streamlit's generic
message without details, and nothing is stored."""

from __future__ import annotations

import asyncio
import json

from bench.streamlit_client import Session, fetch_questions, open_session, sheet_state
from modules.store import Store, utcnow
from tests.conftest import make_learner
from tests.serving import signed_in_cookies, uvicorn_app


def test_forged_sheet_states_store_nothing_but_real_choices(tmp_path):
    store = Store(tmp_path / "p.db")
    user_id = make_learner(store)
    code = store.create_signin_code(user_id, utcnow())
    with uvicorn_app(tmp_path / "p.db") as port:
        cookies = signed_in_cookies(port, code)

        async def forge() -> list[list[str]]:
            session = Session(await open_session(port, cookies))
            run = await session.rerun("kuis", "pilar=digital-safety")
            run = await session.rerun("", session.query, [{"id": run.buttons["Mulai kuis"].id, "trigger_value": True}])
            sheet_id, data = run.sheet
            first = fetch_questions(port, cookies, data)["questions"][0]["id"]
            problems = []
            forged = ["5", "[1, 2]", '{"choices": 7}', json.dumps({"choices": {first: [99]}}),
                      json.dumps({"choices": {first: [True]}}), json.dumps({"choices": {"x" * 5000: [0]}})]
            for value in forged:
                run = await session.rerun("", session.query, [{"id": sheet_id, "json_value": value}])
                problems.append(run.problems)
            # And then a real choice, as the browser sends it.
            run = await session.rerun("", session.query, [sheet_state(sheet_id, {first: [1]})])
            problems.append(run.problems)
            run = await session.rerun("", session.query, [{"id": sheet_id, "json_value": "not json"}])
            await session.ws.close()
            return problems, run.problems, first

        problems, not_json, first = asyncio.run(forge())
    assert problems == [[]] * 7
    assert len(not_json) == 1 and "redacted" in not_json[0] and "JSONDecodeError" not in not_json[0]
    attempt = store.open_attempt(user_id, "digital-safety")
    assert store.drafts(attempt["id"], user_id) == {first: [1]}
