"""A small fake Discord (REST + gateway) over real sockets, for end-to-end tests of the bot.

Written against discord.py 2.7.1 (pinned in pyproject.toml; `test_discord_gateway.py` asserts the
version). The payload shapes follow what that version's parsers read (http.py, gateway.py,
state.py, interactions.py, webhook/async_.py); a newer discord.py may ask for routes or fields
this server does not know, and the version test is there to make that upgrade a visible step.

What it does, like Discord:
- REST under `/api/v10`: login (`/users/@me`), application info, command sync (global and guild),
  interaction callbacks (with `?with_response=1` bodies), the original response and follow-ups
  (interaction webhooks), channel messages, typing. Every call is recorded (`calls`); a route the
  server does not know answers 404 JSON and is also kept in `unknown_calls`, so a test can fail
  loudly when the bot calls something unexpected.
- A gateway websocket: HELLO, heartbeat ACKs, IDENTIFY -> READY + GUILD_CREATE, then whatever the
  test pushes with `dispatch()`. Frames are zlib-stream compressed when the client asks for it
  (discord.py does by default). Events are filtered by the intents the client identified with,
  and without the message-content intent a message's content is blanked unless it mentions the
  bot, as Discord does.
- Message bodies over Discord's limits (2,000-character content, 4,096-character descriptions,
  25 fields, 6,000 characters of embeds a message...) are refused with 400 / code 50035 like
  Discord does, and kept in `rejected_calls`.
- Messages the bot creates are stored and echoed back as MESSAGE_CREATE, so a bot that answers
  its own messages loops visibly instead of silently.

Use (see tests/bot/test_discord_gateway.py):

    fake = FakeDiscord(token); await fake.start()
    discord.http.Route.BASE = fake.api_base          # with monkeypatch.setattr
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    ... bot.start(token) ...
    sent = await fake.send_slash_command("ask", {"question": "..."})
    edit = await fake.wait_for_call("PATCH", sent.original_path, timeout=10)
    await fake.send_mention("...") / fake.send_message("...", channel_id=..., reply_to=...)
    fake.calls, fake.calls_to(method, path), fake.response_to(call), fake.failed_calls

Never logs the bot token.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import re
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

log = logging.getLogger(__name__)

API_PREFIX = "/api/v10"
DISCORD_EPOCH_MS = 1_420_070_400_000
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
CLOSE_INVALID_API_VERSION = 4012

# Intents bits the server acts on.
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15

# Interaction callback types that create the original response message.
CALLBACK_CHANNEL_MESSAGE = 4
CALLBACK_DEFERRED_CHANNEL_MESSAGE = 5
MESSAGE_FLAG_EPHEMERAL = 1 << 6
MESSAGE_FLAG_LOADING = 1 << 7

# Permissions: view channel, send messages, embed links, read history, use app commands...
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 31)
MANAGE_GUILD = 1 << 5


@dataclass(frozen=True)
class RestCall:
    """One REST request the bot made. The Authorization header is never kept."""

    method: str
    path: str  # without the /api/v10 prefix, e.g. "/channels/1/messages"
    query: dict[str, str]
    json: Any  # the JSON body (or a multipart request's payload_json), None without a body
    authorized: bool  # carried "Authorization: Bot <the expected token>"
    known: bool  # False when the server had no route for it (answered 404)


@dataclass(frozen=True)
class SentInteraction:
    """An INTERACTION_CREATE the test pushed: its ids, to find the bot's responses to it."""

    id: str
    token: str
    application_id: str
    payload: dict[str, Any]

    @property
    def callback_path(self) -> str:
        return f"/interactions/{self.id}/{self.token}/callback"

    @property
    def original_path(self) -> str:
        return f"/webhooks/{self.application_id}/{self.token}/messages/@original"

    @property
    def followup_path(self) -> str:
        return f"/webhooks/{self.application_id}/{self.token}"


@dataclass
class _Session:
    ws: web.WebSocketResponse
    compress: str | None
    compressor: Any = None
    intents: int = 0
    identified: bool = False
    seq: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def _iso(ms: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms / 1000)) + "+00:00"


class FakeDiscord:
    """The fake Discord server. `await start()`, point discord.py at `api_base`/`gateway_url`."""

    def __init__(
        self,
        token: str,
        *,
        bot_name: str = "newsbot",
        guild_name: str = "Newsroom",
    ) -> None:
        self._token = token
        self._ids = itertools.count(1)
        self.application_id = self.snowflake()
        self.bot_user: dict[str, Any] = self.make_user(self.application_id, bot_name, bot=True)
        self.owner = self.make_user(self.snowflake(), "owner")
        self.guild_id = self.snowflake()
        self.admin_role_id = self.snowflake()
        self.general_channel_id = self.snowflake()
        self.news_channel_id = self.snowflake()
        self.guild_name = guild_name
        self.member_user = self.make_user(self.snowflake(), "reader")
        self.admin_user = self.make_user(self.snowflake(), "editor")

        self.calls: list[RestCall] = []
        # the status and body answered to each call, by its index in `calls` (handlers may
        # finish out of order)
        self._answers: dict[int, tuple[int, bytes]] = {}
        self.unknown_calls: list[RestCall] = []
        # calls refused like Discord refuses them (message over a limit...), with the reasons
        self.rejected_calls: list[tuple[RestCall, list[str]]] = []
        self.gateway_queries: list[dict[str, str]] = []
        # scope (None = global, else guild id) -> the commands as last synced, with ids
        self.commands: dict[str | None, list[dict[str, Any]]] = {}
        self.messages: dict[str, dict[str, Any]] = {}  # message id -> message payload
        self._originals: dict[str, str] = {}  # interaction token -> original message id
        self._interaction_ids: dict[str, str] = {}  # interaction token -> interaction id
        self._interaction_channels: dict[str, str] = {}  # interaction token -> channel id
        self._tasks: set[asyncio.Task[None]] = set()
        self._sessions: list[_Session] = []
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._routes = self._route_table()
        self.port = 0

    # ---- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        log.debug("fake Discord listening on 127.0.0.1:%d", self.port)

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for session in list(self._sessions):
            await session.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    # ---- payload builders ------------------------------------------------------------------

    def snowflake(self) -> str:
        """A fresh id whose timestamp is now, as Discord's are (discord.py reads it back)."""
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return str((ms << 22) | (next(self._ids) & 0xFFF))

    @staticmethod
    def make_user(user_id: str, name: str, *, bot: bool = False) -> dict[str, Any]:
        return {
            "id": user_id,
            "username": name,
            "global_name": name,
            "discriminator": "0",
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
        }

    def member(self, user: dict[str, Any]) -> dict[str, Any]:
        """The guild member payload of `user`; the admin user holds the admin role."""
        return {
            "user": user,
            "roles": [self.admin_role_id] if user["id"] == self.admin_user["id"] else [],
            "nick": None,
            "avatar": None,
            "joined_at": _iso(time.time() * 1000 - 86_400_000),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
        }

    def _channel(self, channel_id: str) -> dict[str, Any]:
        names = [self.general_channel_id, self.news_channel_id]
        position = names.index(channel_id) if channel_id in names else len(names)
        name = ("general", "news-questions", "elsewhere")[position]
        return {
            "id": channel_id,
            "type": 0,
            "guild_id": self.guild_id,
            "name": name,
            "position": position,
            "permission_overwrites": [],
            "nsfw": False,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "parent_id": None,
        }

    def guild_payload(self) -> dict[str, Any]:
        everyone = {
            "id": self.guild_id,
            "name": "@everyone",
            "permissions": str(MEMBER_PERMISSIONS),
            "position": 0,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        admin = {**everyone, "id": self.admin_role_id, "name": "editors", "position": 1}
        admin["permissions"] = str(MEMBER_PERMISSIONS | MANAGE_GUILD)
        return {
            "id": self.guild_id,
            "name": self.guild_name,
            "icon": None,
            "owner_id": self.owner["id"],
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "features": [],
            "mfa_level": 0,
            "system_channel_id": self.general_channel_id,
            "system_channel_flags": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "large": False,
            "unavailable": False,
            "member_count": 4,
            "joined_at": _iso(time.time() * 1000 - 86_400_000),
            "roles": [everyone, admin],
            "emojis": [],
            "stickers": [],
            "channels": [
                self._channel(self.general_channel_id),
                self._channel(self.news_channel_id),
            ],
            "threads": [],
            "members": [
                self.member(self.bot_user),
                self.member(self.member_user),
                self.member(self.admin_user),
            ],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def permissions_of(self, user: dict[str, Any]) -> int:
        if user["id"] == self.admin_user["id"]:
            return MEMBER_PERMISSIONS | MANAGE_GUILD
        return MEMBER_PERMISSIONS

    def command_id(self, name: str) -> tuple[str, str | None]:
        """The id Discord gave the synced command `name`, and its guild (None when global)."""
        for scope, commands in self.commands.items():
            for command in commands:
                if command["name"] == name:
                    return command["id"], scope
        synced = {scope: [c["name"] for c in cmds] for scope, cmds in self.commands.items()}
        raise AssertionError(f"command {name!r} was never synced; synced commands: {synced}")

    def slash_command_payload(
        self,
        name: str,
        options: dict[str, Any],
        *,
        user: dict[str, Any] | None = None,
        channel_id: str | None = None,
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE for `/name` with string/int/bool options, as Discord sends it."""
        user = user or self.member_user
        command_id, scope = self.command_id(name)
        option_types = {str: 3, int: 4, bool: 5, float: 10}
        data: dict[str, Any] = {
            "id": command_id,
            "name": name,
            "type": 1,
            "options": [
                {"name": k, "type": option_types[type(v)], "value": v} for k, v in options.items()
            ],
        }
        if scope is not None:
            data["guild_id"] = scope
        channel_id = channel_id or self.general_channel_id
        permissions = str(self.permissions_of(user))
        member = self.member(user)
        return {
            "id": self.snowflake(),
            "application_id": self.application_id,
            "type": 2,
            "data": data,
            "guild_id": self.guild_id,
            "channel_id": channel_id,
            "channel": self._channel(channel_id),
            "member": {**member, "permissions": permissions},
            "token": f"interaction-token-{next(self._ids)}",
            "version": 1,
            "app_permissions": str(MEMBER_PERMISSIONS),
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": self.guild_id},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }

    def message_payload(
        self,
        content: str,
        *,
        author: dict[str, Any] | None = None,
        channel_id: str | None = None,
        mentions: list[dict[str, Any]] | None = None,
        reply_to: str | None = None,
    ) -> dict[str, Any]:
        """A MESSAGE_CREATE in the guild, as Discord sends it (before intent filtering)."""
        author = author or self.member_user
        channel_id = channel_id or self.general_channel_id
        message: dict[str, Any] = {
            "id": self.snowflake(),
            "channel_id": channel_id,
            "guild_id": self.guild_id,
            "author": author,
            "member": _without_user(self.member(author)),
            "content": content,
            "timestamp": _iso(time.time() * 1000),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [{**u, "member": _without_user(self.member(u))} for u in mentions or []],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        }
        if reply_to is not None:
            message["type"] = 19  # reply
            message["message_reference"] = {
                "type": 0,
                "message_id": reply_to,
                "channel_id": channel_id,
                "guild_id": self.guild_id,
            }
            message["referenced_message"] = self.messages.get(reply_to)
        return message

    # ---- driving the bot -------------------------------------------------------------------

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Push a gateway event to every identified session (subject to their intents)."""
        sessions = [s for s in self._sessions if s.identified and not s.ws.closed]
        if not sessions:
            raise AssertionError(f"cannot dispatch {event}: no identified gateway session")
        for session in sessions:
            payload = self._filter_for_intents(session, event, data)
            if payload is not None:
                await self._send_dispatch(session, event, payload)

    async def send_slash_command(
        self,
        name: str,
        options: dict[str, Any],
        *,
        user: dict[str, Any] | None = None,
        channel_id: str | None = None,
    ) -> SentInteraction:
        payload = self.slash_command_payload(name, options, user=user, channel_id=channel_id)
        self._interaction_ids[payload["token"]] = payload["id"]
        self._interaction_channels[payload["token"]] = payload["channel_id"]
        await self.dispatch("INTERACTION_CREATE", payload)
        return SentInteraction(payload["id"], payload["token"], self.application_id, payload)

    async def send_message(
        self,
        content: str,
        *,
        author: dict[str, Any] | None = None,
        channel_id: str | None = None,
        mentions: list[dict[str, Any]] | None = None,
        reply_to: str | None = None,
    ) -> dict[str, Any]:
        message = self.message_payload(
            content, author=author, channel_id=channel_id, mentions=mentions, reply_to=reply_to
        )
        self.messages[message["id"]] = message
        await self.dispatch("MESSAGE_CREATE", message)
        return message

    async def send_mention(self, text: str, **kwargs: Any) -> dict[str, Any]:
        """A message that @mentions the bot, as a Discord client sends it."""
        return await self.send_message(
            f"<@{self.bot_user['id']}> {text}", mentions=[self.bot_user], **kwargs
        )

    async def wait_for_call(
        self,
        method: str,
        path: str | re.Pattern[str],
        *,
        where: Callable[[RestCall], bool] | None = None,
        timeout: float = 10.0,
        after: int = 0,
    ) -> RestCall:
        """The first call (from index `after` on) matching method, path and `where`.

        Fails with the list of calls seen when none arrives within `timeout` seconds.
        """

        def find() -> RestCall | None:
            for call in self.calls[after:]:
                if (
                    call.method == method
                    and _path_matches(path, call.path)
                    and (where is None or where(call))
                ):
                    return call
            return None

        await self._wait(lambda: find() is not None, timeout, f"{method} {path}")
        found = find()
        assert found is not None
        return found

    def calls_to(self, method: str, path: str | re.Pattern[str]) -> list[RestCall]:
        return [c for c in self.calls if c.method == method and _path_matches(path, c.path)]

    def index_of(self, call: RestCall) -> int:
        return next(i for i, c in enumerate(self.calls) if c is call)

    def status_of(self, call: RestCall) -> int | None:
        """The HTTP status answered to `call` (None while it is being handled)."""
        answer = self._answers.get(self.index_of(call))
        return answer[0] if answer else None

    @property
    def failed_calls(self) -> list[tuple[RestCall, int]]:
        """Calls answered with an HTTP error (unknown routes, refused bodies, bad ids...)."""
        answers = [(self.calls[i], status) for i, (status, _) in sorted(self._answers.items())]
        return [(call, status) for call, status in answers if status >= 400]

    def response_to(self, call: RestCall) -> Any:
        """The JSON the server answered to `call` (e.g. the message a POST created)."""
        answer = self._answers.get(self.index_of(call))
        return json.loads(answer[1]) if answer and answer[1] else None

    async def _wait(self, ready: Callable[[], bool], timeout: float, what: str) -> None:
        try:
            async with self._changed:
                await asyncio.wait_for(self._changed.wait_for(ready), timeout)
        except TimeoutError:
            seen = "\n".join(f"  {c.method} {c.path}" for c in self.calls) or "  (none)"
            raise AssertionError(
                f"fake Discord: timed out after {timeout}s waiting for {what}; REST calls:\n{seen}"
            ) from None

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # ---- gateway ---------------------------------------------------------------------------

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
            session.intents = int(data.get("intents", 0))
            await self._send_dispatch(session, "READY", self._ready_payload())
            await self._send_dispatch(session, "GUILD_CREATE", self.guild_payload())
            session.identified = True
            await self._notify()
        elif op == OP_RESUME:
            # No resumable sessions here: tell the client to identify again.
            await self._send(session, {"op": OP_INVALID_SESSION, "d": False})
        else:
            log.debug("gateway: ignoring op %s", op)

    def _ready_payload(self) -> dict[str, Any]:
        return {
            "v": 10,
            "user": {**self.bot_user, "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": self.guild_id, "unavailable": True}],
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

    # ---- REST ------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body = await _read_body(request)
        authorized = request.headers.get("Authorization") == f"Bot {self._token}"
        handler, params = self._route(request.method, path)
        call = RestCall(
            request.method, path, dict(request.query), body, authorized, handler is not None
        )
        index = len(self.calls)
        self.calls.append(call)
        if handler is None:
            self.unknown_calls.append(call)
            log.debug("fake Discord: unknown route %s %s", request.method, path)
            response = _json({"message": "404: Not Found", "code": 0}, status=404)
        elif not authorized and not _is_webhook_route(path):
            response = _json({"message": "401: Unauthorized", "code": 0}, status=401)
        elif problems := _message_problems(call):
            self.rejected_calls.append((call, problems))
            log.debug("fake Discord: rejected %s %s: %s", call.method, path, problems)
            response = _json(
                {"message": "Invalid Form Body", "code": 50035, "errors": problems}, status=400
            )
        else:
            response = await handler(call, **params)
        body = response.body if isinstance(response.body, bytes) else b""
        self._answers[index] = (response.status, body)
        await self._notify()
        return response

    def _route(self, method: str, path: str) -> tuple[Any, dict[str, str]]:
        for route_method, pattern, handler in self._routes:
            m = pattern.fullmatch(path)
            if m and route_method == method:
                return handler, m.groupdict()
        return None, {}

    def _route_table(self) -> list[tuple[str, re.Pattern[str], Any]]:
        routes = [
            ("GET", "/users/@me", self._get_me),
            ("GET", "/oauth2/applications/@me", self._get_application),
            ("GET", "/gateway", self._get_gateway),
            ("GET", "/gateway/bot", self._get_gateway_bot),
            ("PUT", "/applications/{app}/commands", self._put_commands),
            ("PUT", "/applications/{app}/guilds/{guild}/commands", self._put_commands),
            ("GET", "/applications/{app}/commands", self._get_commands),
            ("GET", "/applications/{app}/guilds/{guild}/commands", self._get_commands),
            ("POST", "/interactions/{interaction}/{token}/callback", self._interaction_callback),
            ("GET", "/webhooks/{app}/{token}/messages/{message}", self._get_webhook_message),
            ("PATCH", "/webhooks/{app}/{token}/messages/{message}", self._edit_webhook_message),
            ("POST", "/webhooks/{app}/{token}", self._followup),
            ("POST", "/channels/{channel}/messages", self._create_message),
            ("GET", "/channels/{channel}/messages/{message}", self._get_message),
            ("PATCH", "/channels/{channel}/messages/{message}", self._edit_message),
            ("POST", "/channels/{channel}/typing", self._typing),
        ]
        return [(method, _compile_route(template), handler) for method, template, handler in routes]

    async def _get_me(self, call: RestCall) -> web.Response:
        return _json({**self.bot_user, "verified": True, "mfa_enabled": False, "flags": 0})

    async def _get_application(self, call: RestCall) -> web.Response:
        return _json(
            {
                "id": self.application_id,
                "name": self.bot_user["username"],
                "description": "",
                "icon": None,
                "bot_public": False,
                "bot_require_code_grant": False,
                "owner": self.owner,
                "verify_key": "0" * 64,
                "flags": 0,
                "team": None,
                "summary": "",
            }
        )

    async def _get_gateway(self, call: RestCall) -> web.Response:
        return _json({"url": self.gateway_url.rstrip("/")})

    async def _get_gateway_bot(self, call: RestCall) -> web.Response:
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return _json(
            {"url": self.gateway_url.rstrip("/"), "shards": 1, "session_start_limit": limit}
        )

    async def _put_commands(
        self, call: RestCall, app: str, guild: str | None = None
    ) -> web.Response:
        if app != self.application_id:
            return _json({"message": "Unknown Application", "code": 10002}, status=404)
        if not isinstance(call.json, list):
            return _json({"message": "Invalid Form Body", "code": 50035}, status=400)
        previous = {c["name"]: c["id"] for c in self.commands.get(guild, [])}
        synced = []
        for command in call.json:
            synced.append(
                {
                    "type": 1,
                    "description": "",
                    "options": [],
                    **command,
                    "id": previous.get(command["name"]) or self.snowflake(),
                    "application_id": self.application_id,
                    "version": self.snowflake(),
                    **({"guild_id": guild} if guild else {}),
                }
            )
        self.commands[guild] = synced
        return _json(synced)

    async def _get_commands(
        self, call: RestCall, app: str, guild: str | None = None
    ) -> web.Response:
        return _json(self.commands.get(guild, []))

    async def _interaction_callback(
        self, call: RestCall, interaction: str, token: str
    ) -> web.Response:
        if self._interaction_ids.get(token) != interaction:
            return _json({"message": "Unknown interaction", "code": 10062}, status=404)
        if token in self._originals:
            return _json(
                {"message": "Interaction has already been acknowledged.", "code": 40060},
                status=400,
            )
        body = call.json or {}
        kind = body.get("type")
        data = body.get("data") or {}
        interaction_info: dict[str, Any] = {"id": interaction, "type": 2}
        result: dict[str, Any] = {"interaction": interaction_info, "resource": {"type": kind}}
        if kind in (CALLBACK_CHANNEL_MESSAGE, CALLBACK_DEFERRED_CHANNEL_MESSAGE):
            flags = int(data.get("flags", 0))
            if kind == CALLBACK_DEFERRED_CHANNEL_MESSAGE:
                flags |= MESSAGE_FLAG_LOADING
            channel = self._interaction_channels[token]
            message = self._bot_message(channel, data, flags=flags)
            message["webhook_id"] = self.application_id
            message["application_id"] = self.application_id
            self.messages[message["id"]] = message
            self._originals[token] = message["id"]
            interaction_info.update(
                response_message_id=message["id"],
                response_message_loading=kind == CALLBACK_DEFERRED_CHANNEL_MESSAGE,
                response_message_ephemeral=bool(flags & MESSAGE_FLAG_EPHEMERAL),
            )
            result["resource"]["message"] = message
        else:
            self._originals[token] = ""
        if call.query.get("with_response") in ("1", "true"):
            return _json(result)
        return web.Response(status=204)

    def _original(self, token: str, message: str) -> dict[str, Any] | None:
        message_id = self._originals.get(token) if message == "@original" else message
        return self.messages.get(message_id or "")

    async def _get_webhook_message(
        self, call: RestCall, app: str, token: str, message: str
    ) -> web.Response:
        found = self._original(token, message)
        if found is None:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        return _json(found)

    async def _edit_webhook_message(
        self, call: RestCall, app: str, token: str, message: str
    ) -> web.Response:
        found = self._original(token, message)
        if found is None:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        self._apply_edit(found, call.json or {})
        found["flags"] = int(found.get("flags", 0)) & ~MESSAGE_FLAG_LOADING
        return _json(found)

    async def _followup(self, call: RestCall, app: str, token: str) -> web.Response:
        if token not in self._originals:
            return _json({"message": "Unknown Webhook", "code": 10015}, status=404)
        body = call.json or {}
        channel = self._interaction_channels[token]
        message = self._bot_message(channel, body, flags=int(body.get("flags", 0)))
        message["webhook_id"] = self.application_id
        self.messages[message["id"]] = message
        return _json(message)

    async def _create_message(self, call: RestCall, channel: str) -> web.Response:
        body = call.json or {}
        if not (body.get("content") or body.get("embeds")):
            return _json({"message": "Cannot send an empty message", "code": 50006}, status=400)
        message = self._bot_message(channel, body)
        reference = body.get("message_reference")
        if reference:
            message["type"] = 19
            message["message_reference"] = {**reference, "channel_id": channel}
            message["referenced_message"] = self.messages.get(str(reference.get("message_id")))
        self.messages[message["id"]] = message
        # Discord echoes the bot's own messages over the gateway; a bot must ignore them.
        task = asyncio.get_running_loop().create_task(self._echo(message))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return _json(message)

    async def _echo(self, message: dict[str, Any]) -> None:
        if any(s.identified for s in self._sessions):
            await self.dispatch("MESSAGE_CREATE", message)

    async def _get_message(self, call: RestCall, channel: str, message: str) -> web.Response:
        found = self.messages.get(message)
        if found is None or found["channel_id"] != channel:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        return _json(found)

    async def _edit_message(self, call: RestCall, channel: str, message: str) -> web.Response:
        found = self.messages.get(message)
        if found is None or found["channel_id"] != channel:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        self._apply_edit(found, call.json or {})
        return _json(found)

    async def _typing(self, call: RestCall, channel: str) -> web.Response:
        return web.Response(status=204)

    def _bot_message(
        self, channel_id: str, body: dict[str, Any], *, flags: int = 0
    ) -> dict[str, Any]:
        return {
            "id": self.snowflake(),
            "channel_id": channel_id,
            "guild_id": self.guild_id,
            "author": self.bot_user,
            "content": body.get("content") or "",
            "timestamp": _iso(time.time() * 1000),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "pinned": False,
            "type": 0,
            "flags": flags,
            "components": body.get("components") or [],
        }

    @staticmethod
    def _apply_edit(message: dict[str, Any], body: dict[str, Any]) -> None:
        for key in ("content", "embeds", "components"):
            if key in body:
                message[key] = (
                    body[key] if body[key] is not None else ([] if key != "content" else "")
                )
        message["edited_timestamp"] = _iso(time.time() * 1000)


# Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
CONTENT_LIMIT = 2000
EMBEDS_PER_MESSAGE = 10
EMBED_TOTAL_LIMIT = 6000
EMBED_FIELD_COUNT = 25
EMBED_LIMITS = {"title": 256, "description": 4096}
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_NAME_LIMIT = 256
_MESSAGE_ROUTES = re.compile(
    r"/channels/\d+/messages(/\d+)?|/webhooks/\d+/[^/]+(/messages/.+)?|/interactions/.+/callback"
)


def _message_problems(call: RestCall) -> list[str]:
    """Why Discord would refuse this message body (empty when it would accept it)."""
    if call.method not in ("POST", "PATCH") or not _MESSAGE_ROUTES.fullmatch(call.path):
        return []
    body = call.json if isinstance(call.json, dict) else {}
    if call.path.endswith("/callback"):
        body = body.get("data") or {}
    problems = []
    content = body.get("content") or ""
    if len(content) > CONTENT_LIMIT:
        problems.append(f"content: {len(content)} characters, limit {CONTENT_LIMIT}")
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS_PER_MESSAGE:
        problems.append(f"embeds: {len(embeds)} embeds, limit {EMBEDS_PER_MESSAGE}")
    total = 0
    for i, embed in enumerate(embeds):
        for key, limit in EMBED_LIMITS.items():
            text = embed.get(key) or ""
            total += len(text)
            if len(text) > limit:
                problems.append(f"embeds[{i}].{key}: {len(text)} characters, limit {limit}")
        fields = embed.get("fields") or []
        if len(fields) > EMBED_FIELD_COUNT:
            problems.append(f"embeds[{i}].fields: {len(fields)} fields, limit {EMBED_FIELD_COUNT}")
        for j, fld in enumerate(fields):
            name, value = fld.get("name") or "", fld.get("value") or ""
            total += len(name) + len(value)
            if not name.strip() or not value.strip():
                problems.append(f"embeds[{i}].fields[{j}]: name and value must not be empty")
            if len(name) > FIELD_NAME_LIMIT:
                problems.append(f"embeds[{i}].fields[{j}].name: {len(name)} characters")
            if len(value) > FIELD_VALUE_LIMIT:
                problems.append(f"embeds[{i}].fields[{j}].value: {len(value)} characters")
        footer = (embed.get("footer") or {}).get("text") or ""
        author = (embed.get("author") or {}).get("name") or ""
        total += len(footer) + len(author)
        if len(footer) > FOOTER_LIMIT:
            problems.append(f"embeds[{i}].footer.text: {len(footer)} characters")
        if len(author) > AUTHOR_NAME_LIMIT:
            problems.append(f"embeds[{i}].author.name: {len(author)} characters")
    if total > EMBED_TOTAL_LIMIT:
        problems.append(f"embeds: {total} characters in all, limit {EMBED_TOTAL_LIMIT}")
    return problems


def _compile_route(template: str) -> re.Pattern[str]:
    """ "/channels/{channel}/messages" -> a pattern capturing the ids as named groups."""
    special = {"token": r"[^/]+", "message": r"@original|\d+"}
    snowflake = r"\d+"

    def group(m: re.Match[str]) -> str:
        name = m.group(1)
        return f"(?P<{name}>{special.get(name, snowflake)})"

    return re.compile(re.sub(r"\{(\w+)\}", group, template))


def _without_user(member: dict[str, Any]) -> dict[str, Any]:
    # Members nested in a message (its author's, its mentions') come without the user object.
    return {k: v for k, v in member.items() if k != "user"}


def _path_matches(expected: str | re.Pattern[str], path: str) -> bool:
    if isinstance(expected, re.Pattern):
        return expected.fullmatch(path) is not None
    return expected == path


def _is_webhook_route(path: str) -> bool:
    # Interaction callbacks and webhooks are authorised by their token in the path.
    return path.startswith(("/interactions/", "/webhooks/"))


def _json(data: Any, *, status: int = 200) -> web.Response:
    # discord.py parses a body as JSON only when Content-Type is exactly "application/json".
    return web.Response(
        status=status, body=json.dumps(data).encode(), headers={"Content-Type": "application/json"}
    )


async def _read_body(request: web.Request) -> Any:
    if not request.body_exists:
        return None
    if request.content_type == "multipart/form-data":
        form = await request.post()
        payload = form.get("payload_json")
        return json.loads(str(payload)) if payload is not None else None
    raw = await request.read()
    if not raw:
        return None
    return json.loads(raw)
