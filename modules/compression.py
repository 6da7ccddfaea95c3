"""Smaller first visits on slow connections: Streamlit's own scripts and styles, gzip-compressed.

Streamlit serves its static files uncompressed (about 2.3 MB of JavaScript on a first visit; its
gzip middleware skips static paths to save CPU per request). Their names carry a content hash,
so each file is compressed once per process and kept: later requests cost a dictionary look-up.
Fonts (already compressed) and anything not answered 200 pass through untouched.
"""

from __future__ import annotations

import gzip

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COMPRESSIBLE = ("application/javascript", "text/javascript", "text/css", "application/json", "image/svg+xml")
MAX_FILE = 8 * 1024 * 1024
MAX_CACHED = 400  # files; Streamlit ships about 300


class StaticGzipMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.cache: dict[str, bytes] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Headers(scope=scope) if scope["type"] == "http" else None
        if request is None or scope.get("method") != "GET" or "/static/" not in scope.get("path", "") \
                or "gzip" not in request.get("accept-encoding", "") or request.get("range"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        start: Message | None = None
        body: list[bytes] = []

        async def compress(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = Headers(raw=message["headers"])
                kind = headers.get("content-type", "").split(";")[0].strip()
                if message["status"] != 200 or headers.get("content-encoding") or kind not in COMPRESSIBLE:
                    await send(message)
                    return
                start = message
                return
            if start is None:
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            data = self.cache.get(path)
            if data is None:
                raw = b"".join(body)
                data = gzip.compress(raw, compresslevel=9, mtime=0)
                if len(raw) <= MAX_FILE and len(self.cache) < MAX_CACHED:
                    self.cache[path] = data
            headers = MutableHeaders(raw=start["headers"])
            headers["content-encoding"] = "gzip"
            headers["content-length"] = str(len(data))
            headers.add_vary_header("Accept-Encoding")
            await send(start)
            await send({"type": "http.response.body", "body": data})

        await self.app(scope, receive, compress)
