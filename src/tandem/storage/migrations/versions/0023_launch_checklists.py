"""launch checklists (tasks by tier), an owner for each requirements document

Revision ID: 0023
Revises: 0014
Create Date: 2026-11-26 05:30:00
"""

from alembic import op
import sqlalchemy as sa

from tandem.storage.batch import rows_kept

revision = '0023'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'launch_tasks',
        sa.Column('launch_id', sa.Integer(), nullable=False),
        sa.Column('template_key', sa.String(length=40), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=True),
        sa.Column('offset_days', sa.Integer(), nullable=True),
        sa.Column('due_date', sa.Date(), nullable=True),
        sa.Column('due_manual', sa.Boolean(), nullable=False),
        sa.Column('critical', sa.Boolean(), nullable=False),
        sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('done_by', sa.String(length=254), nullable=False),
        sa.Column('row_version', sa.Integer(), server_default=sa.text('1'), nullable=False),
        sa.Column('workspace_id', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['launch_id'], ['launches.id'],
                                name=op.f('fk_launch_tasks_launch_id_launches'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['owner_id'], ['people.id'],
                                name=op.f('fk_launch_tasks_owner_id_people'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'],
                                name=op.f('fk_launch_tasks_workspace_id_workspaces'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_launch_tasks')))
    with op.batch_alter_table('launch_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_launch_tasks_launch_id'), ['launch_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_launch_tasks_owner_id'), ['owner_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_launch_tasks_workspace_id'), ['workspace_id'],
                              unique=False)
    # A foreign key on an existing table needs a rebuild on SQLite: keep the rows that hang
    # off requirements (their personas) through it.
    with rows_kept('requirements'), op.batch_alter_table('requirements', schema=None) as b:
        b.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        b.create_index(b.f('ix_requirements_owner_id'), ['owner_id'], unique=False)
        b.create_foreign_key(b.f('fk_requirements_owner_id_people'), 'people', ['owner_id'],
                             ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with rows_kept('requirements'), op.batch_alter_table('requirements', schema=None) as b:
        b.drop_constraint(b.f('fk_requirements_owner_id_people'), type_='foreignkey')
        b.drop_index(b.f('ix_requirements_owner_id'))
        b.drop_column('owner_id')
    with op.batch_alter_table('launch_tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_launch_tasks_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_launch_tasks_owner_id'))
        batch_op.drop_index(batch_op.f('ix_launch_tasks_launch_id'))
    op.drop_table('launch_tasks')
