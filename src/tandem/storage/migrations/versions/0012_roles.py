"""roles: people who hold roles, the workspace's activity catalog, the roles preset; an
assignment names a person record instead of free text, and its phase is a lifecycle phase

Existing assignments keep their letters: each distinct person name of a workspace becomes a
person record whose roles are the role titles their assignments gave. A phase that is not
one of the lifecycle phases is cleared.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 00:05:00
"""

from datetime import datetime, UTC

from alembic import op
import sqlalchemy as sa

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

PHASES = ('discovery', 'definition', 'development', 'launch', 'growth', 'maturity',
          'retirement')


def _stamps():
    return sa.Column('id', sa.Integer(), nullable=False), \
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False), \
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table('people',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('roles', sa.String(length=200), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    *_stamps(),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_people_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_people_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('workspace_id', 'name', name=op.f('uq_people_workspace_id'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_workspace_id'), ['workspace_id'], unique=False)
    op.create_table('workspace_activities',
    sa.Column('builtin', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('column', sa.String(length=32), nullable=False),
    sa.Column('direction', sa.String(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    *_stamps(),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_workspace_activities_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workspace_activities')),
    sa.UniqueConstraint('workspace_id', 'name', name=op.f('uq_workspace_activities_workspace_id'))
    )
    with op.batch_alter_table('workspace_activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workspace_activities_workspace_id'), ['workspace_id'], unique=False)
    op.create_table('roles_settings',
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('preset', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_roles_settings_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('workspace_id', name=op.f('pk_roles_settings'))
    )

    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('person_id', sa.Integer(), nullable=True))
        batch_op.alter_column('phase', existing_type=sa.String(length=50), nullable=True)
    bind = op.get_bind()
    now = datetime.now(UTC)
    roles: dict[tuple[int, str], list[str]] = {}
    for workspace_id, person, role in bind.execute(sa.text(
            "SELECT workspace_id, person, role FROM assignments ORDER BY id")):
        titles = roles.setdefault((workspace_id, person), [])
        if role and role not in titles:
            titles.append(role)
    for (workspace_id, person), titles in roles.items():
        bind.execute(sa.text(
            "INSERT INTO people (workspace_id, name, roles, created_at, updated_at) "
            "VALUES (:w, :n, :r, :t, :t)"),
            {"w": workspace_id, "n": person, "r": ", ".join(titles)[:200], "t": now})
    bind.execute(sa.text(
        "UPDATE assignments SET person_id = (SELECT p.id FROM people p WHERE "
        "p.workspace_id = assignments.workspace_id AND p.name = assignments.person)"))
    bind.execute(sa.text(
        "UPDATE assignments SET phase = NULL WHERE phase NOT IN :phases OR phase = ''"
    ).bindparams(sa.bindparam("phases", expanding=True)), {"phases": list(PHASES)})

    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_constraint('uq_assignments_workspace_id', type_='unique')
        batch_op.drop_column('person')
        batch_op.alter_column('person_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('phase', existing_type=sa.String(length=50),
                              type_=sa.String(length=16), existing_nullable=True)
        batch_op.create_foreign_key(batch_op.f('fk_assignments_person_id_people'), 'people', ['person_id'], ['id'], ondelete='CASCADE')
        batch_op.create_unique_constraint(batch_op.f('uq_assignments_workspace_id'), ['workspace_id', 'activity', 'person_id'])
        batch_op.create_index(batch_op.f('ix_assignments_person_id'), ['person_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('person', sa.String(length=200), nullable=True))
    op.get_bind().execute(sa.text(
        "UPDATE assignments SET person = (SELECT p.name FROM people p "
        "WHERE p.id = assignments.person_id)"))
    op.get_bind().execute(sa.text("UPDATE assignments SET phase = '' WHERE phase IS NULL"))
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignments_person_id'))
        batch_op.drop_constraint('uq_assignments_workspace_id', type_='unique')
        batch_op.drop_constraint(batch_op.f('fk_assignments_person_id_people'), type_='foreignkey')
        batch_op.drop_column('person_id')
        batch_op.alter_column('person', existing_type=sa.String(length=200), nullable=False)
        batch_op.alter_column('phase', existing_type=sa.String(length=16),
                              type_=sa.String(length=50), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_assignments_workspace_id'), ['workspace_id', 'activity', 'person'])
    op.drop_table('roles_settings')
    op.drop_table('workspace_activities')
    op.drop_table('people')
