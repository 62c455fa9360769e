"""The fake Discord's gateway websocket: HELLO, heartbeat ACKs, IDENTIFY -> READY +
GUILD_CREATE, then the events a test dispatches, filtered by the client's intents and
zlib-stream compressed when the client asks for it.

Sharded like Discord: each connection identifies as shard `[i, n]` (none: `[0, 1]`) and gets
READY, GUILD_CREATE and the events of the guilds on its shard only (`shard_of`: guild_id >> 22
modulo n; events without a guild, such as DMs, go to shard 0)."""

from __future__ import annotations

import asyncio
import json
import logging
import zlib
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.bot.fake_discord.state import Guild, shard_of

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_MS = 41_250  # Discord's usual value; tests end long before a beat matters

# Gateway opcodes and close codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes)
OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_RESUME = 6
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11
CLOSE_DECODE_ERROR = 4002
CLOSE_AUTHENTICATION_FAILED = 4004
CLOSE_INVALID_SHARD = 4010
CLOSE_SHARDING_REQUIRED = 4011
CLOSE_INVALID_API_VERSION = 4012

# Intents bits the server acts on.
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15


@dataclass
class _Session:
    ws: web.WebSocketResponse
    compress: str | None
    compressor: Any = None
    intents: int = 0
    identified: bool = False
    shard: tuple[int, int] = (0, 1)  # [id, count] from IDENTIFY
    seq: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Gateway:
    """The websocket side of FakeDiscord (which provides the token, the state and `_notify`)."""

    def __init__(self) -> None:
        self._sessions: list[_Session] = []
        self.gateway_queries: list[dict[str, str]] = []
        # Every IDENTIFY's payload, without its token: what a test reads the shards from.
        self.identifies: list[dict[str, Any]] = []
        self.recommended_shards = 1  # what GET /gateway/bot tells a bot with shards = "auto"
        # Discord's 2,500 guilds a connection, made small: a connection whose shard would carry
        # more guilds is closed with 4011 (sharding required). None: no limit.
        self.max_guilds_per_shard: int | None = None

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Push a gateway event to every identified session on the shard of the event's guild
        (subject to their intents)."""
        guild_id = data.get("guild_id")
        sessions = [
            s
            for s in self._sessions
            if s.identified and not s.ws.closed and s.shard[0] == shard_of(guild_id, s.shard[1])
        ]
        if not sessions:
            raise AssertionError(
                f"cannot dispatch {event}: no identified gateway session on the shard of guild "
                f"{guild_id}"
            )
        for session in sessions:
            payload = self._filter_for_intents(session, event, data)
            if payload is not None:
                await self._send_dispatch(session, event, payload)

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        query = dict(request.query)
        self.gateway_queries.append(query)
        compress = query.get("compress")
        session = _Session(ws=ws, compress=compress)
        if compress == "zlib-stream":
            session.compressor = zlib.compressobj()
        elif compress is not None:
            # discord.py picks zstd-stream when the zstandard package is installed; this fake
            # speaks zlib-stream only, so say so instead of failing obscurely.
            log.warning("fake Discord: unsupported gateway compression %r", compress)
            await ws.close(code=CLOSE_DECODE_ERROR, message=b"fake Discord: zlib-stream only")
            return ws
        if query.get("v") != "10" or query.get("encoding") != "json":
            await ws.close(code=CLOSE_INVALID_API_VERSION, message=b"expected v=10, encoding=json")
            return ws
        self._sessions.append(session)
        try:
            await self._send(
                session, {"op": OP_HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}}
            )
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._on_gateway_message(session, json.loads(msg.data))
                elif msg.type == WSMsgType.ERROR:
                    log.debug("gateway socket error: %s", ws.exception())
        finally:
            self._sessions.remove(session)
            await self._notify()
        return ws

    async def _on_gateway_message(self, session: _Session, msg: dict[str, Any]) -> None:
        op = msg.get("op")
        if op == OP_HEARTBEAT:
            await self._send(session, {"op": OP_HEARTBEAT_ACK, "d": None})
        elif op == OP_IDENTIFY:
            data = msg.get("d") or {}
            if data.get("token") != self._token:
                # Logged without the token: a test checks no token reaches the logs.
                log.debug("gateway IDENTIFY with a wrong token")
                await session.ws.close(code=CLOSE_AUTHENTICATION_FAILED, message=b"bad token")
                return
            self.identifies.append({k: v for k, v in data.items() if k != "token"})
            shard = data.get("shard") or [0, 1]
            if not (isinstance(shard, list) and len(shard) == 2 and 0 <= shard[0] < shard[1]):
                await session.ws.close(code=CLOSE_INVALID_SHARD, message=b"invalid shard")
                return
            session.shard = (int(shard[0]), int(shard[1]))
            session.intents = int(data.get("intents", 0))
            guilds = [g for g in self.guilds if g.shard(session.shard[1]) == session.shard[0]]
            if self.max_guilds_per_shard is not None and len(guilds) > self.max_guilds_per_shard:
                await session.ws.close(code=CLOSE_SHARDING_REQUIRED, message=b"sharding required")
                return
            ready = self._ready_payload(guilds)
            if "shard" in data:
                ready["shard"] = list(session.shard)
            await self._send_dispatch(session, "READY", ready)
            for guild in guilds:
                await self._send_dispatch(session, "GUILD_CREATE", self.guild_payload(guild))
            session.identified = True
            await self._notify()
        elif op == OP_RESUME:
            # No resumable sessions here: tell the client to identify again.
            await self._send(session, {"op": OP_INVALID_SESSION, "d": False})
        else:
            log.debug("gateway: ignoring op %s", op)

    def _ready_payload(self, guilds: list[Guild]) -> dict[str, Any]:
        return {
            "v": 10,
            "user": {**self.bot_user, "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": g.id, "unavailable": True} for g in guilds],
            "session_id": f"session-{next(self._ids)}",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": self.application_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
        }

    def _filter_for_intents(
        self, session: _Session, event: str, data: dict[str, Any]
    ) -> dict[str, Any] | None:
        if event in ("MESSAGE_CREATE", "MESSAGE_UPDATE"):
            needed = INTENT_GUILD_MESSAGES if data.get("guild_id") else INTENT_DIRECT_MESSAGES
            if not session.intents & needed:
                return None
            visible = (
                session.intents & INTENT_MESSAGE_CONTENT
                or not data.get("guild_id")
                or data.get("author", {}).get("id") == self.bot_user["id"]
                or any(m.get("id") == self.bot_user["id"] for m in data.get("mentions", []))
            )
            if not visible:
                return {**data, "content": "", "embeds": [], "attachments": [], "components": []}
        return data

    async def _send_dispatch(self, session: _Session, event: str, data: dict[str, Any]) -> None:
        await self._send(session, {"op": OP_DISPATCH, "t": event, "s": None, "d": data})

    async def _send(self, session: _Session, payload: dict[str, Any]) -> None:
        async with session.lock:
            if session.ws.closed:
                return
            if payload["op"] == OP_DISPATCH:
                # Numbered under the lock, so sequence numbers go out in order.
                session.seq += 1
                payload = {**payload, "s": session.seq}
            text = json.dumps(payload)
            if session.compressor is not None:
                # zlib-stream: one shared context, each message ends with a sync flush
                # (discord.py waits for the 00 00 ff ff suffix before inflating).
                data = session.compressor.compress(text.encode()) + session.compressor.flush(
                    zlib.Z_SYNC_FLUSH
                )
                await session.ws.send_bytes(data)
            else:
                await session.ws.send_str(text)
