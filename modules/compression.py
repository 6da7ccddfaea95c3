"""Smaller first visits on slow connections: Streamlit's own scripts and styles, gzip-compressed.

Streamlit serves its static files uncompressed (about 2.3 MB of JavaScript on a first visit; its
gzip middleware skips static paths to save CPU per request). Their names carry a content hash,
so each file is compressed once per process and kept, with the headers it was served with: later
requests for it are answered from memory, without reading the file again (a first visit asks for
about 80 files at once, and each answer through the file handler costs the server a thread hop and
a disk read while the browser waits). Conditional and range requests still go to the file
handler. Fonts (already compressed) and anything not answered 200 pass through untouched.
"""

from __future__ import annotations

import gzip

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from modules.asgi_body import rewrite_body

COMPRESSIBLE = ("application/javascript", "text/javascript", "text/css", "application/json", "image/svg+xml")
MAX_FILE = 8 * 1024 * 1024
MAX_CACHED = 400  # files; Streamlit ships about 300


class StaticGzipMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.cache: dict[str, bytes] = {}
        self.answers: dict[str, list[tuple[bytes, bytes]]] = {}  # path: the headers sent with cache[path]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Headers(scope=scope) if scope["type"] == "http" else None
        if request is None or scope.get("method") != "GET" or "/static/" not in scope.get("path", "") \
                or "gzip" not in request.get("accept-encoding", "") or request.get("range"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        answer = self.answers.get(path)
        if answer is not None and not request.get("if-none-match") and not request.get("if-modified-since"):
            await send({"type": "http.response.start", "status": 200, "headers": answer})
            await send({"type": "http.response.body", "body": self.cache[path]})
            return

        def compressible(message: Message) -> bool:
            headers = Headers(raw=message["headers"])
            kind = headers.get("content-type", "").split(";")[0].strip()
            return message["status"] == 200 and not headers.get("content-encoding") and kind in COMPRESSIBLE

        def compress(headers: MutableHeaders, raw: bytes) -> bytes:
            data = self.cache.get(path)
            if data is None:
                data = gzip.compress(raw, compresslevel=9, mtime=0)
                if len(raw) <= MAX_FILE and len(self.cache) < MAX_CACHED:
                    self.cache[path] = data
            headers["content-encoding"] = "gzip"
            headers.add_vary_header("Accept-Encoding")
            if path in self.cache:
                headers["content-length"] = str(len(data))
                self.answers[path] = list(headers.raw)
            return data

        await rewrite_body(self.app, scope, receive, send, compressible, compress)
