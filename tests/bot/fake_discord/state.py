"""The fake Discord's world: one guild with its channels, roles and members, the bot's user,
the synced commands and every message, and the payloads Discord would send about them."""

from __future__ import annotations

import itertools
import time
from typing import Any

from tests.bot.fake_discord.models import (
    DISCORD_EPOCH_MS,
    MANAGE_GUILD,
    MEMBER_PERMISSIONS,
    iso,
)


class DiscordState:
    """Ids, users, the guild, commands and messages, and the payload builders for them."""

    def __init__(self, *, bot_name: str, guild_name: str) -> None:
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
            "joined_at": iso(time.time() * 1000 - 86_400_000),
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
            "joined_at": iso(time.time() * 1000 - 86_400_000),
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
        message: dict[str, Any] = {
            "id": self.snowflake(),
            "channel_id": channel_id,
            "guild_id": self.guild_id,
            "author": author,
            "member": _without_user(self.member(author)),
            "content": content,
            "timestamp": iso(time.time() * 1000),
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


def _without_user(member: dict[str, Any]) -> dict[str, Any]:
    # Members nested in a message (its author's, its mentions') come without the user object.
    return {k: v for k, v in member.items() if k != "user"}
