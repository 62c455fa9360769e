"""The fake Discord's REST API under /api/v10: the routes discord.py 2.7.1 calls, each call
recorded, unknown routes answered 404 and bodies over Discord's limits refused."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from typing import Any

from aiohttp import web

from tests.bot.fake_discord.limits import message_problems
from tests.bot.fake_discord.models import (
    CALLBACK_CHANNEL_MESSAGE,
    CALLBACK_DEFERRED_CHANNEL_MESSAGE,
    MESSAGE_FLAG_EPHEMERAL,
    MESSAGE_FLAG_LOADING,
    RestCall,
    iso,
)

log = logging.getLogger(__name__)


class RestApi:
    """The HTTP side of FakeDiscord (which provides the token, the state, `dispatch` and
    `_notify`)."""

    def __init__(self) -> None:
        self.calls: list[RestCall] = []
        # the status and body answered to each call, by its index in `calls` (handlers may
        # finish out of order)
        self._answers: dict[int, tuple[int, bytes]] = {}
        self.unknown_calls: list[RestCall] = []
        # calls refused like Discord refuses them (message over a limit...), with the reasons
        self.rejected_calls: list[tuple[RestCall, list[str]]] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._routes = self._route_table()

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
        elif problems := message_problems(call):
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
            {
                "url": self.gateway_url.rstrip("/"),
                "shards": self.recommended_shards,
                "session_start_limit": limit,
            }
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
            "guild_id": self.guild_of_channel(channel_id).id,
            "author": self.bot_user,
            "content": body.get("content") or "",
            "timestamp": iso(time.time() * 1000),
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
        message["edited_timestamp"] = iso(time.time() * 1000)


def _compile_route(template: str) -> re.Pattern[str]:
    """ "/channels/{channel}/messages" -> a pattern capturing the ids as named groups."""
    special = {"token": r"[^/]+", "message": r"@original|\d+"}
    snowflake = r"\d+"

    def group(m: re.Match[str]) -> str:
        name = m.group(1)
        return f"(?P<{name}>{special.get(name, snowflake)})"

    return re.compile(re.sub(r"\{(\w+)\}", group, template))


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
