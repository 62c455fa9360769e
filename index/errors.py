"""Domain errors of the retrieval engine; interfaces turn them into short messages for people."""


class NewsbotError(Exception):
    """Base class: an error whose message is meant for the person running newsbot."""


class ConfigError(NewsbotError):
    """The configuration file has a wrong key, a wrong type or a bad value."""


class IngestError(NewsbotError):
    """A source could not be read as articles (the file is skipped, the run goes on)."""


class IndexMissingError(NewsbotError):
    """No snapshot has been built yet in the data directory."""


class IndexCorruptError(NewsbotError):
    """The current snapshot is unreadable or inconsistent."""


class DataDirError(NewsbotError):
    """The data directory cannot be read or written (permissions, a file in its place...)."""


class BuildInProgressError(NewsbotError):
    """Another build holds the build lock."""


class NotBuilderError(NewsbotError):
    """A build asked of a process configured not to build ([index].builder = false)."""


class QueryError(NewsbotError):
    """The question or query cannot be searched (empty, too long...)."""


class ModelLoadError(NewsbotError):
    """The embedding model could not be loaded."""


class ClusterError(NewsbotError):
    """The Ray cluster a build embeds on is not installed, not reachable, or failed."""


class IndexNotReadyError(IndexMissingError):
    """No snapshot can be served yet because the first one is being built, or building it
    failed; the message says which (with the build's progress, or its reason)."""


class VectorStoreError(NewsbotError):
    """The vector store (a Milvus server) cannot be reached or refused an operation."""
