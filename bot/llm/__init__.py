"""The optional LLM answer writer, one concept a module.

`prompt` (what the model is shown), `client` (the `ChatClient` seam and its HTTP version),
`claims` (the reply as cited sentences), `support` (which citations the passages support),
`tokens` (estimates and sentence ends), `renumber` (the checked claims as an Answer) and
`writer` (`LLMWriter`, which ties them within one deadline).
"""

from bot.llm.claims import Claim, split_claims
from bot.llm.client import ChatClient, ChatError, ChatTimeout, OpenAIChatClient
from bot.llm.prompt import NO_ANSWER, build_messages, select_passages
from bot.llm.support import Similarity, cosine_similarity
from bot.llm.writer import LLMWriter, Usage

__all__ = [
    "NO_ANSWER",
    "ChatClient",
    "ChatError",
    "ChatTimeout",
    "Claim",
    "LLMWriter",
    "OpenAIChatClient",
    "Similarity",
    "Usage",
    "build_messages",
    "cosine_similarity",
    "select_passages",
    "split_claims",
]
