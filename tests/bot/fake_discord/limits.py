"""Discord's message limits, and the reasons Discord would refuse a message body."""

from __future__ import annotations

import re

from tests.bot.fake_discord.models import RestCall

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


def message_problems(call: RestCall) -> list[str]:
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
