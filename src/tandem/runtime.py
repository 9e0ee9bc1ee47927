"""The running service: settings plus database, with the schema brought up to date."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import cached_property
from pathlib import Path

from sqlalchemy.orm import Session

from tandem.accounts.models import User
from tandem.accounts.passwords import HashPool
from tandem.accounts.service import open_scope
from tandem.accounts.throttle import SignInGuard
from tandem.accounts.usage import TokenUse
from tandem.errors import TandemError
from tandem.platform.actor import Actor
from tandem.scope import Scope
from tandem.settings import Settings, env_name, load_settings
from tandem.storage.embedder import Embedder, load_embedder
from tandem.storage.engine import Database, missing_sqlite_file
from tandem.storage.migrate import upgrade


class Runtime:
    """What every face holds: one Database for one configuration."""

    def __init__(self, settings: Settings, migrate: bool = True) -> None:
        self.settings = settings
        if migrate:
            upgrade(settings.database_url)
        self.db = Database(settings.database_url)

    @classmethod
    def from_env(cls, migrate: bool = True, create: bool = False) -> Runtime:
        """The runtime the environment describes. A SQLite database that does not exist
        is created only when `create` is true (`tandem db upgrade`, `tandem demo`,
        `tandem serve --init`); otherwise NoDatabase says where it was looked for, so a
        mistyped TANDEM_DATA_DIR never quietly starts a new, empty database."""
        settings = load_settings()
        missing = missing_sqlite_file(settings.database_url)
        if missing is not None and not create:
            raise NoDatabase(no_database_message(settings, missing))
        return cls(settings, migrate=migrate)

    @cached_property
    def token_use(self) -> TokenUse:
        """Records API token use off the request path (`accounts.usage`)."""
        return TokenUse(self.db)

    @cached_property
    def sign_in_guard(self) -> SignInGuard:
        """Password-attempt counts and lockouts, kept in the database (`accounts.throttle`)."""
        s = self.settings
        return SignInGuard(self.db, s.signin_attempts_per_account, s.signin_attempts_per_address,
                           s.signin_window_seconds)

    @cached_property
    def hash_pool(self) -> HashPool:
        """The threads that verify passwords, at most a few at once (`accounts.passwords`)."""
        return HashPool(self.settings.password_hash_concurrency)

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
        if "hash_pool" in self.__dict__:
            self.hash_pool.close()
        self.db.dispose()


class NoDatabase(TandemError):
    """The configured SQLite database does not exist and the command does not create one."""

    code = "no_database"


def no_database_message(settings: Settings, path: Path) -> str:
    """Where the database was expected, which setting put it there, and the two ways on."""
    if os.environ.get(env_name("database_url")):
        where = f"{env_name('database_url')} points at {path}, which does not exist"
        fix = f"Check {env_name('database_url')}"
    elif os.environ.get(env_name("data_dir")):
        where = (f"there is no database in {env_name('data_dir')}="
                 f"{os.environ[env_name('data_dir')]} ({path})")
        fix = f"If {env_name('data_dir')} is mistyped, fix it"
    else:
        where = f"there is no database yet at {path}"
        fix = f"Set {env_name('data_dir')} to the folder that holds yours"
    return (f"No Tandem database: {where}. {fix}; or, to start a new empty one there, run "
            "`tandem db upgrade` (or `tandem demo` for the demo workspace).")
