"""What the fake Discord records and the protocol numbers its parts share."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

API_PREFIX = "/api/v10"
DISCORD_EPOCH_MS = 1_420_070_400_000

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


def iso(ms: float) -> str:
    """A Discord timestamp for `ms` milliseconds since the Unix epoch."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms / 1000)) + "+00:00"
