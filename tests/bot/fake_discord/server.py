"""FakeDiscord: the state, the gateway and the REST API on one local port, and what a test
calls to drive the bot and read back what it did."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable
from typing import Any

from aiohttp import web

from tests.bot.fake_discord.gateway import Gateway
from tests.bot.fake_discord.models import API_PREFIX, RestCall, SentInteraction
from tests.bot.fake_discord.rest import RestApi
from tests.bot.fake_discord.state import DiscordState

log = logging.getLogger(__name__)


class FakeDiscord(DiscordState, Gateway, RestApi):
    """The fake Discord server. `await start()`, point discord.py at `api_base`/`gateway_url`."""

    def __init__(
        self,
        token: str,
        *,
        bot_name: str = "newsbot",
        guild_name: str = "Newsroom",
    ) -> None:
        self._token = token
        DiscordState.__init__(self, bot_name=bot_name, guild_name=guild_name)
        Gateway.__init__(self)
        RestApi.__init__(self)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
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

    # ---- driving the bot -------------------------------------------------------------------

    async def send_slash_command(
        self,
        name: str,
        options: dict[str, Any],
        *,
        user: dict[str, Any] | None = None,
        channel_id: str | None = None,
        dm: bool = False,
    ) -> SentInteraction:
        payload = self.slash_command_payload(name, options, user=user, channel_id=channel_id, dm=dm)
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


def _path_matches(expected: str | re.Pattern[str], path: str) -> bool:
    if isinstance(expected, re.Pattern):
        return expected.fullmatch(path) is not None
    return expected == path
