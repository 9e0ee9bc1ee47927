"""Alembic environment: uses Tandem's engine settings and full metadata."""

from alembic import context

from tandem.storage.engine import make_engine
from tandem.storage.metadata import metadata
from tandem.storage.migrate import include_object

config = context.config


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
