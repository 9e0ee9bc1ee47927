"""The running service: settings plus database, with the schema brought up to date."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import cached_property

from sqlalchemy.orm import Session

from tandem.accounts.models import User
from tandem.accounts.service import open_scope
from tandem.accounts.usage import TokenUse
from tandem.platform.actor import Actor
from tandem.scope import Scope
from tandem.settings import Settings, load_settings
from tandem.storage.embedder import Embedder, load_embedder
from tandem.storage.engine import Database
from tandem.storage.migrate import upgrade


class Runtime:
    """What every face holds: one Database for one configuration."""

    def __init__(self, settings: Settings, migrate: bool = True) -> None:
        self.settings = settings
        if migrate:
            upgrade(settings.database_url)
        self.db = Database(settings.database_url)

    @classmethod
    def from_env(cls, migrate: bool = True) -> Runtime:
        return cls(load_settings(), migrate=migrate)

    @cached_property
    def token_use(self) -> TokenUse:
        """Records API token use off the request path (`accounts.usage`)."""
        return TokenUse(self.db)

    @cached_property
    def embedder(self) -> Embedder:
        """The text-to-vector model, loaded once per process on first use."""
        return load_embedder(self.settings.embedder)

    def session(self, write: bool | None = None) -> AbstractContextManager[Session]:
        """A transaction: committed when the block ends normally, rolled back otherwise;
        `write` as in `Database.session`."""
        return self.db.session(write)

    @contextmanager
    def scope(self, who: User | Actor, workspace: str | None) -> Iterator[Scope]:
        """A transaction bound to one workspace the actor may see (a user acts as member)."""
        with self.db.session() as session:
            yield open_scope(session, who, workspace)

    def close(self) -> None:
        if "token_use" in self.__dict__:
            self.token_use.close()
        self.db.dispose()
