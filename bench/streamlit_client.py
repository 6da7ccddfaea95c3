"""A browser tab reduced to Streamlit's websocket protocol, for the load benchmarks
(bench_batch_load.py, bench_server_load.py): rerun requests out, messages in until the run ends.

The protocol is Streamlit's internal one (pinned by requirements.txt); a Streamlit upgrade may
need this client adjusted.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

STEP_TIMEOUT = 120.0
XSRF_COOKIE = "_streamlit_xsrf"


@dataclass
class Run:
    """What one script run drew: widgets by kind, texts, and anything that went wrong."""

    buttons: dict[str, object] = field(default_factory=dict)  # label -> Button proto
    text_inputs: list[object] = field(default_factory=list)
    sheets: list[object] = field(default_factory=list)  # the quiz's answer sheet (modules/answer_sheet.py)
    html: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    query_writes: list[str] = field(default_factory=list)  # what the run wrote to the address bar
    problems: list[str] = field(default_factory=list)

    @property
    def sheet(self) -> tuple[str, dict[str, Any]] | None:
        """The answer sheet's id and what the page sent it (the address of its questions, the
        attempt, the choices it is drawn with), if this run drew one."""
        if not self.sheets:
            return None
        return self.sheets[-1].id, json.loads(self.sheets[-1].json)


def fetch_questions(port: int, cookies: dict[str, str], sheet: dict[str, Any]) -> dict[str, Any]:
    """The sheet's questions, fetched from its address as the browser does (GET, with the cookies)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=STEP_TIMEOUT)
    try:
        conn.request("GET", "/" + sheet["src"].removeprefix("./").lstrip("/"),
                     headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"the sheet's questions answered {response.status}")
        return json.loads(body)
    finally:
        conn.close()


def sheet_state(sheet_id: str, choices: dict[str, list[int]]) -> dict:
    """The widget state a browser sends when the learner has made these choices on the sheet."""
    return {"id": sheet_id, "json_value": json.dumps({"choices": choices})}


class Session:
    """One tab on one websocket."""

    def __init__(self, ws: object) -> None:
        self.ws = ws
        self.page_hash = ""
        self.query = ""
        self.reruns = 0

    async def rerun(self, page_name: str, query: str, widget_states: list[dict] | None = None) -> Run:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        state.page_name = page_name
        state.page_script_hash = self.page_hash if page_name == "" else ""
        for values in widget_states or []:
            widget = state.widget_states.widgets.add()
            for key, value in values.items():
                setattr(widget, key, value)
        await self.ws.send(msg.SerializeToString())
        return await asyncio.wait_for(self._read_run(), STEP_TIMEOUT)

    async def _read_run(self) -> Run:
        run = Run()
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(await self.ws.recv())
            kind = reply.WhichOneof("type")
            if kind == "navigation":
                self.page_hash = reply.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = reply.page_info_changed.query_string
                run.query_writes.append(self.query)
            elif kind == "page_not_found":
                run.problems.append("page not found")
            elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                _collect(run, reply.delta.new_element)
            elif kind == "script_finished":
                self.reruns += 1
                status = reply.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    run = Run()  # st.rerun(): the next run's elements replace these
                elif status == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return run
                else:
                    run.problems.append(f"script finished with status {status}")
                    return run


def _collect(run: Run, element: object) -> None:
    which = element.WhichOneof("type")
    if which == "button":
        run.buttons[element.button.label] = element.button
    elif which == "bidi_component":
        run.sheets.append(element.bidi_component)
    elif which == "text_input":
        run.text_inputs.append(element.text_input)
    elif which == "html":
        run.html.append(element.html.body)
    elif which == "markdown":
        run.text.append(element.markdown.body)
    elif which == "alert":
        run.text.append(element.alert.body)
    elif which == "exception":
        run.problems.append(f"exception: {element.exception.message}")


async def open_session(port: int, cookies: dict[str, str]) -> object:
    """A websocket to the app at `port`, as a browser holding `cookies` opens it."""
    from websockets.asyncio.client import connect

    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    return await connect(f"ws://127.0.0.1:{port}/_stcore/stream",
                         subprotocols=["streamlit", cookies.get(XSRF_COOKIE) or "x"],
                         additional_headers=headers, origin=f"http://127.0.0.1:{port}", max_size=None,
                         open_timeout=STEP_TIMEOUT, ping_interval=None, close_timeout=5)
