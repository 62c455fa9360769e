"""The fake Discord's world: guilds with their channels, roles and members (one to start with,
more with `add_guild`), the bot's user, the synced commands and every message, and the payloads
Discord would send about them."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Any

from tests.bot.fake_discord.models import (
    DISCORD_EPOCH_MS,
    MANAGE_GUILD,
    MEMBER_PERMISSIONS,
    iso,
)


@dataclass(frozen=True)
class Guild:
    """A server the bot is in: its id, name, admin role and its two text channels."""

    id: str
    name: str
    admin_role_id: str
    general_channel_id: str
    news_channel_id: str

    def shard(self, count: int) -> int:
        """The shard whose gateway connection carries this guild's events (Discord's rule)."""
        return shard_of(self.id, count)


def shard_of(guild_id: str | None, count: int) -> int:
    """Discord's rule: a guild's events go to shard (guild_id >> 22) % count; DMs to shard 0."""
    return 0 if guild_id is None else (int(guild_id) >> 22) % count


class DiscordState:
    """Ids, users, the guilds, commands and messages, and the payload builders for them.

    `guild_id`, `general_channel_id`, ... name the first guild; `add_guild` makes more.
    """

    def __init__(self, *, bot_name: str, guild_name: str) -> None:
        self._ids = itertools.count(1)
        self.application_id = self.snowflake()
        self.bot_user: dict[str, Any] = self.make_user(self.application_id, bot_name, bot=True)
        self.owner = self.make_user(self.snowflake(), "owner")
        self.guilds: list[Guild] = []
        first = self.add_guild(guild_name)
        self.guild_id = first.id
        self.admin_role_id = first.admin_role_id
        self.general_channel_id = first.general_channel_id
        self.news_channel_id = first.news_channel_id
        self.guild_name = guild_name
        self.member_user = self.make_user(self.snowflake(), "reader")
        self.admin_user = self.make_user(self.snowflake(), "editor")
        # scope (None = global, else guild id) -> the commands as last synced, with ids
        self.commands: dict[str | None, list[dict[str, Any]]] = {}
        self.messages: dict[str, dict[str, Any]] = {}  # message id -> message payload
        self._originals: dict[str, str] = {}  # interaction token -> original message id
        self._interaction_ids: dict[str, str] = {}  # interaction token -> interaction id
        self._interaction_channels: dict[str, str] = {}  # interaction token -> channel id

    def snowflake(self) -> str:
        """A fresh id whose timestamp is now, as Discord's are (discord.py reads it back)."""
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return str((ms << 22) | (next(self._ids) & 0xFFF))

    def add_guild(self, name: str, *, shard: tuple[int, int] | None = None) -> Guild:
        """A new guild the bot is in; with `shard=(i, n)` its id puts it on shard i of n."""
        guild_id = self.snowflake()
        if shard is not None:
            i, n = shard
            ms = int(guild_id) >> 22
            ms += (i - ms) % n  # a millisecond later at most n - 1: the guild's shard is i
            guild_id = str((ms << 22) | (next(self._ids) & 0xFFF))
        guild = Guild(guild_id, name, self.snowflake(), self.snowflake(), self.snowflake())
        self.guilds.append(guild)
        return guild

    def guild(self, guild_id: str | None = None) -> Guild:
        """The guild with `guild_id` (default: the first)."""
        if guild_id is None:
            return self.guilds[0]
        return next(g for g in self.guilds if g.id == guild_id)

    def guild_of_channel(self, channel_id: str) -> Guild:
        """The guild a channel belongs to (the first guild for a channel it does not know)."""
        for guild in self.guilds:
            if channel_id in (guild.general_channel_id, guild.news_channel_id):
                return guild
        return self.guilds[0]

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

    def member(self, user: dict[str, Any], guild: Guild | None = None) -> dict[str, Any]:
        """The guild member payload of `user`; the admin user holds the guild's admin role."""
        guild = guild or self.guild()
        return {
            "user": user,
            "roles": [guild.admin_role_id] if user["id"] == self.admin_user["id"] else [],
            "nick": None,
            "avatar": None,
            "joined_at": iso(time.time() * 1000 - 86_400_000),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
        }

    def _channel(self, channel_id: str) -> dict[str, Any]:
        guild = self.guild_of_channel(channel_id)
        names = [guild.general_channel_id, guild.news_channel_id]
        position = names.index(channel_id) if channel_id in names else len(names)
        name = ("general", "news-questions", "elsewhere")[position]
        return {
            "id": channel_id,
            "type": 0,
            "guild_id": guild.id,
            "name": name,
            "position": position,
            "permission_overwrites": [],
            "nsfw": False,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "parent_id": None,
        }

    def guild_payload(self, guild: Guild | None = None) -> dict[str, Any]:
        guild = guild or self.guild()
        everyone = {
            "id": guild.id,
            "name": "@everyone",
            "permissions": str(MEMBER_PERMISSIONS),
            "position": 0,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        admin = {**everyone, "id": guild.admin_role_id, "name": "editors", "position": 1}
        admin["permissions"] = str(MEMBER_PERMISSIONS | MANAGE_GUILD)
        return {
            "id": guild.id,
            "name": guild.name,
            "icon": None,
            "owner_id": self.owner["id"],
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "features": [],
            "mfa_level": 0,
            "system_channel_id": guild.general_channel_id,
            "system_channel_flags": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "large": False,
            "unavailable": False,
            "member_count": 4,
            "joined_at": iso(time.time() * 1000 - 86_400_000),
            "roles": [everyone, admin],
            "emojis": [],
            "stickers": [],
            "channels": [
                self._channel(guild.general_channel_id),
                self._channel(guild.news_channel_id),
            ],
            "threads": [],
            "members": [
                self.member(self.bot_user, guild),
                self.member(self.member_user, guild),
                self.member(self.admin_user, guild),
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
        dm: bool = False,
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE for `/name` (or `/group sub`) with string/int/bool options, as
        Discord sends it.

        `dm=True`: sent in the user's direct messages with the bot (no guild, no member, no
        permissions), as Discord sends a command used there.
        """
        user = user or self.member_user
        name, _, subcommand = name.partition(" ")  # "sources list": a group's subcommand
        command_id, scope = self.command_id(name)
        option_types = {str: 3, int: 4, bool: 5, float: 10}
        values = [
            {"name": k, "type": option_types[type(v)], "value": v} for k, v in options.items()
        ]
        if subcommand:
            values = [{"name": subcommand, "type": 1, "options": values}]
        data: dict[str, Any] = {"id": command_id, "name": name, "type": 1, "options": values}
        if scope is not None:
            data["guild_id"] = scope
        if dm:
            return self._dm_interaction(data, user)
        channel_id = channel_id or self.general_channel_id
        guild = self.guild_of_channel(channel_id)
        permissions = str(self.permissions_of(user))
        member = self.member(user, guild)
        return {
            "id": self.snowflake(),
            "application_id": self.application_id,
            "type": 2,
            "data": data,
            "guild_id": guild.id,
            "channel_id": channel_id,
            "channel": self._channel(channel_id),
            "member": {**member, "permissions": permissions},
            "token": f"interaction-token-{next(self._ids)}",
            "version": 1,
            "app_permissions": str(MEMBER_PERMISSIONS),
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": guild.id},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }

    def _dm_interaction(self, data: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
        channel = {"id": self.snowflake(), "type": 1, "last_message_id": None, "recipients": [user]}
        return {
            "id": self.snowflake(),
            "application_id": self.application_id,
            "type": 2,
            "data": data,
            "channel_id": channel["id"],
            "channel": channel,
            "user": user,
            "token": f"interaction-token-{next(self._ids)}",
            "version": 1,
            "app_permissions": str(MEMBER_PERMISSIONS),
            "locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": "0"},
            "context": 1,  # the bot's DM
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
        guild = self.guild_of_channel(channel_id)
        message: dict[str, Any] = {
            "id": self.snowflake(),
            "channel_id": channel_id,
            "guild_id": guild.id,
            "author": author,
            "member": _without_user(self.member(author, guild)),
            "content": content,
            "timestamp": iso(time.time() * 1000),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [
                {**u, "member": _without_user(self.member(u, guild))} for u in mentions or []
            ],
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
                "guild_id": guild.id,
            }
            message["referenced_message"] = self.messages.get(reply_to)
        return message


def _without_user(member: dict[str, Any]) -> dict[str, Any]:
    # Members nested in a message (its author's, its mentions') come without the user object.
    return {k: v for k, v in member.items() if k != "user"}
