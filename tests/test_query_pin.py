"""The lesson's address-bar parameter over the real protocol: written when the lesson is opened or a
link on the page opened another lesson, not again on every click (each write is a message)."""

from __future__ import annotations

import asyncio
import http.client
import urllib.parse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from modules.store import Store, utcnow
from tests.conftest import make_learner
from tests.serving import uvicorn_app


def cookies_from(port: int, method: str, path: str, body: str | None = None) -> dict[str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"} if body else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return {name.strip(): rest.split(";", 1)[0] for name, _, rest in
                (header.partition("=") for header in response.headers.get_all("Set-Cookie") or [])}
    finally:
        conn.close()


def test_the_lesson_id_is_written_to_the_address_bar_only_when_it_changes(tmp_path):
    from websockets.asyncio.client import connect

    store = Store(tmp_path / "p.db")
    code = store.create_signin_code(make_learner(store), utcnow())
    with uvicorn_app(tmp_path / "p.db") as port:
        cookies = cookies_from(port, "POST", "/auth/masuk", urllib.parse.urlencode({"kode": code}))
        cookies |= cookies_from(port, "GET", "/_stcore/health")

        async def runs() -> list[list[str]]:
            async with connect(f"ws://127.0.0.1:{port}/_stcore/stream", origin=f"http://127.0.0.1:{port}",
                               subprotocols=["streamlit", cookies["_streamlit_xsrf"]], max_size=None,
                               additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}) as ws:
                page_hash, written = "", []
                # Opened; a click; a link on the page to the next lesson (the address bar still shows
                # the first: Streamlit leaves it so); a click there.
                for page, query in (("pelajaran", "id=aman-01"), ("", "id=aman-01"), ("", "id=aman-02"),
                                    ("", "id=aman-02")):
                    msg = BackMsg()
                    msg.rerun_script.query_string, msg.rerun_script.page_name = query, page
                    msg.rerun_script.page_script_hash = page_hash if not page else ""
                    await ws.send(msg.SerializeToString())
                    written.append([])
                    while True:
                        reply = ForwardMsg()
                        reply.ParseFromString(await asyncio.wait_for(ws.recv(), 30))
                        kind = reply.WhichOneof("type")
                        if kind == "navigation":
                            page_hash = reply.navigation.page_script_hash
                        elif kind == "page_info_changed":
                            written[-1].append(reply.page_info_changed.query_string)
                        elif kind == "script_finished":
                            assert reply.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
                            break
                return written

        assert asyncio.run(runs()) == [["id=aman-01"], [], ["id=aman-02"], []]
