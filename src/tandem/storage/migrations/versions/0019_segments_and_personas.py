"""segments and personas as shared models: segment criteria and market size, company
firmographics (industry, employees, region), persona type and lists (goals and pains become
lists; jobs to be done, objections, channels, buying roles), and the link tables from
segments and personas to evidence, opportunities, messages and launches

Revision ID: 0019
Revises: 0015
Create Date: 2026-11-26 02:42:42
"""

import json

from alembic import op

from tandem.storage.batch import rows_kept
import sqlalchemy as sa

import tandem.storage.base

revision = '0019'
down_revision = '0015'
branch_labels = None
depends_on = None

LINKS = [(market, target, f"{market}_{table}", f"{target_col}")
         for market in ("segment", "persona")
         for target, table, target_col in (("evidence", "evidence", "evidence_id"),
                                           ("opportunities", "opportunities", "opportunity_id"),
                                           ("messages", "messages", "message_id"),
                                           ("launches", "launches", "launch_id"))]


def _link_table(market: str, target: str, name: str, target_col: str) -> None:
    market_col = f"{market}_id"
    op.create_table(name,
    sa.Column(market_col, sa.Integer(), nullable=False),
    sa.Column(target_col, sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', tandem.storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint([target_col], [f'{target}.id'], name=op.f(f'fk_{name}_{target_col}_{target}'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint([market_col], [f'{market}s.id'], name=op.f(f'fk_{name}_{market_col}_{market}s'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f(f'fk_{name}_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')),
    sa.UniqueConstraint(market_col, target_col, name=op.f(f'uq_{name}_{market_col}'))
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{name}_{target_col}'), [target_col], unique=False)
        batch_op.create_index(batch_op.f(f'ix_{name}_{market_col}'), [market_col], unique=False)
        batch_op.create_index(batch_op.f(f'ix_{name}_workspace_id'), ['workspace_id'], unique=False)


def _lines(text: str | None) -> str:
    """Old free-text goals or pains as a JSON list, one item per non-blank line."""
    items = [line.strip().lstrip("-*• ").strip()[:300] for line in (text or "").splitlines()]
    return json.dumps([i for i in items if i][:20])


def upgrade() -> None:
    for link in LINKS:
        _link_table(*link)

    with op.batch_alter_table('companies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('industry', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('employees', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('region', sa.String(length=100), nullable=False, server_default=''))

    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('criteria', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('market_size', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('market_size_source', sa.String(length=500), nullable=False, server_default=''))

    bind = op.get_bind()
    old = bind.execute(sa.text("SELECT id, goals, pains FROM personas")).all()
    using = {"postgresql_using": "'[]'::json"}
    with rows_kept('personas'), op.batch_alter_table('personas', schema=None) as batch_op:
        batch_op.add_column(sa.Column('type', sa.String(length=16), nullable=False, server_default='buyer'))
        for column in ('jobs', 'objections', 'channels', 'buying_roles'):
            batch_op.add_column(sa.Column(column, sa.JSON(), nullable=False, server_default='[]'))
        for column in ('goals', 'pains'):
            batch_op.alter_column(column, existing_type=sa.TEXT(), type_=sa.JSON(),
                                  existing_nullable=False, **using)
    cast = "CAST(:v AS json)" if bind.dialect.name == "postgresql" else ":v"
    for row_id, goals, pains in old:
        for column, text in (("goals", goals), ("pains", pains)):
            bind.execute(sa.text(f"UPDATE personas SET {column} = {cast} WHERE id = :id"),
                         {"v": _lines(text), "id": row_id})
    # Search documents as the resource now writes them: each list one item a line.
    for row_id, name, title, description, goals, pains in bind.execute(sa.text(
            "SELECT id, name, title, description, goals, pains FROM personas")).all():
        items = [json.loads(v) if isinstance(v, str) else v for v in (goals, pains)]
        body = "\n".join([name, title or "", description or "",
                          *("\n".join(str(i) for i in v or []) for v in items)])
        bind.execute(sa.text("UPDATE search_documents SET body = :b "
                             "WHERE kind = 'personas' AND object_id = :id"),
                     {"b": body, "id": row_id})


def downgrade() -> None:
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.drop_column('market_size_source')
        batch_op.drop_column('market_size')
        batch_op.drop_column('criteria')

    using = {"postgresql_using": "''"}
    with rows_kept('personas'), op.batch_alter_table('personas', schema=None) as batch_op:
        for column in ('goals', 'pains'):
            batch_op.alter_column(column, existing_type=sa.JSON(), type_=sa.TEXT(),
                                  existing_nullable=False, **using)
        for column in ('buying_roles', 'channels', 'objections', 'jobs', 'type'):
            batch_op.drop_column(column)

    with op.batch_alter_table('companies', schema=None) as batch_op:
        batch_op.drop_column('region')
        batch_op.drop_column('employees')
        batch_op.drop_column('industry')

    for market, _target, name, target_col in reversed(LINKS):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{name}_workspace_id'))
            batch_op.drop_index(batch_op.f(f'ix_{name}_{market}_id'))
            batch_op.drop_index(batch_op.f(f'ix_{name}_{target_col}'))
        op.drop_table(name)
