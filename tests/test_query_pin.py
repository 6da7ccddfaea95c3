"""The lesson's address-bar parameter over the real protocol: written when the lesson is opened or a
link on the page opened another lesson, not again on every click (each write is a message)."""

from __future__ import annotations

import asyncio

from bench.streamlit_client import Session, open_session
from modules.store import Store, utcnow
from tests.conftest import make_learner
from tests.serving import signed_in_cookies, uvicorn_app


def test_the_lesson_id_is_written_to_the_address_bar_only_when_it_changes(tmp_path):
    store = Store(tmp_path / "p.db")
    code = store.create_signin_code(make_learner(store), utcnow())
    with uvicorn_app(tmp_path / "p.db") as port:
        cookies = signed_in_cookies(port, code)

        async def runs() -> list[list[str]]:
            session = Session(await open_session(port, cookies))
            written = []
            # Opened; a click; a link on the page to the next lesson (the address bar still shows
            # the first: Streamlit leaves it so); a click there.
            for page, query in (("pelajaran", "id=aman-01"), ("", "id=aman-01"), ("", "id=aman-02"),
                                ("", "id=aman-02")):
                run = await session.rerun(page, query)
                assert not run.problems, run.problems
                written.append(run.query_writes)
            await session.ws.close()
            return written

        assert asyncio.run(runs()) == [["id=aman-01"], [], ["id=aman-02"], []]
