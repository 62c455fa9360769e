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
  test pushes with `dispatch()`. Sharded as Discord is: any number of connections, each
  identifying as shard `[i, n]`, gets the guilds and events of its shard only (a guild's shard
  is `(guild_id >> 22) % n`; `add_guild(name, shard=(i, n))` makes a guild on shard i);
  `GET /gateway/bot` recommends `recommended_shards`; `identifies` keeps every IDENTIFY; with
  `max_guilds_per_shard` set, a connection carrying more guilds is closed with 4011 (sharding
  required). Frames are zlib-stream compressed when the client asks for it
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

One job a module: `state` (the guild, users, commands, messages and their payloads), `gateway`
(the websocket), `rest` (the REST routes), `limits` (Discord's message limits), `models` (the
recorded calls and shared protocol numbers) and `server` (`FakeDiscord`, which joins them on one
port and holds what a test calls).
"""

from tests.bot.fake_discord.models import RestCall, SentInteraction
from tests.bot.fake_discord.server import FakeDiscord

__all__ = ["FakeDiscord", "RestCall", "SentInteraction"]
