"""One ASGI step shared by the middlewares that change a whole response body: hold the response
start, gather its body, and send both again once a transform has made the new body."""

from __future__ import annotations

import gzip
from collections.abc import Awaitable, Callable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


async def rewrite_body(app: ASGIApp, scope: Scope, receive: Receive, send: Send,
                       wanted: Callable[[Message], bool],
                       transform: Callable[[MutableHeaders, bytes], bytes | Awaitable[bytes]]) -> None:
    """Run `app`; a response whose start message is `wanted` has its body replaced by
    `transform(headers, body)` (which may also change the headers); content-length follows."""
    start: Message | None = None
    body: list[bytes] = []

    async def collect(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            if wanted(message):
                start = message
            else:
                start = None
                await send(message)
            return
        if start is None:
            await send(message)
            return
        body.append(message.get("body", b""))
        if message.get("more_body"):
            return
        headers = MutableHeaders(raw=start["headers"])
        data = transform(headers, b"".join(body))
        if not isinstance(data, bytes):
            data = await data
        headers["content-length"] = str(len(data))
        await send(start)
        await send({"type": "http.response.body", "body": data})

    await app(scope, receive, collect)


async def rewrite_page(app: ASGIApp, scope: Scope, receive: Receive, send: Send,
                       transform: Callable[[bytes], bytes]) -> None:
    """Run `app`; an HTML page it answers has its markup replaced by `transform(markup)` (gzipped
    again if it came gzipped)."""
    def is_page(message: Message) -> bool:
        return MutableHeaders(raw=message["headers"]).get("content-type", "").startswith("text/html")

    def change(headers: MutableHeaders, data: bytes) -> bytes:
        zipped = headers.get("content-encoding") == "gzip"
        page = transform(gzip.decompress(data) if zipped else data)
        return gzip.compress(page) if zipped else page

    await rewrite_body(app, scope, receive, send, is_page, change)
