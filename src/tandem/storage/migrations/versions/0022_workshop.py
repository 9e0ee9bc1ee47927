"""roles workshop

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-26 03:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('workshops',
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=True),
    sa.Column('facilitator_label', sa.String(length=254), nullable=False),
    sa.Column('revealed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reassess_on', sa.Date(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['facilitator_id'], ['users.id'], name=op.f('fk_workshops_facilitator_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_workshops_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshops')),
    sa.UniqueConstraint('workspace_id', 'title', name=op.f('uq_workshops_workspace_id'))
    )
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshops_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('workshop_actions',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('activity', sa.String(length=200), nullable=False),
    sa.Column('barrier', sa.Text(), nullable=False),
    sa.Column('fix', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['people.id'], name=op.f('fk_workshop_actions_owner_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_actions_workshop_id_workshops'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_workshop_actions_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_actions'))
    )
    with op.batch_alter_table('workshop_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_actions_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('workshop_answers',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('activity', sa.String(length=200), nullable=False),
    sa.Column('raci', sa.String(length=1), nullable=False),
    sa.Column('importance', sa.Integer(), nullable=True),
    sa.Column('assessment', sa.Integer(), nullable=True),
    sa.Column('hours', sa.Float(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_workshop_answers_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_answers_workshop_id_workshops'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_workshop_answers_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_answers')),
    sa.UniqueConstraint('workshop_id', 'person_id', 'activity', name=op.f('uq_workshop_answers_workshop_id'))
    )
    with op.batch_alter_table('workshop_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_answers_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('workshop_decisions',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('activity', sa.String(length=200), nullable=False),
    sa.Column('accountable_id', sa.Integer(), nullable=False),
    sa.Column('responsible_ids', sa.String(length=400), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.String(length=254), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['accountable_id'], ['people.id'], name=op.f('fk_workshop_decisions_accountable_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_decisions_workshop_id_workshops'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_workshop_decisions_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_decisions')),
    sa.UniqueConstraint('workshop_id', 'activity', name=op.f('uq_workshop_decisions_workshop_id'))
    )
    with op.batch_alter_table('workshop_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_decisions_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('workshop_participants',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_workshop_participants_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_participants_workshop_id_workshops'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_workshop_participants_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_participants')),
    sa.UniqueConstraint('workshop_id', 'person_id', name=op.f('uq_workshop_participants_workshop_id'))
    )
    with op.batch_alter_table('workshop_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_participants_workspace_id'), ['workspace_id'], unique=False)




def downgrade() -> None:
    with op.batch_alter_table('workshop_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_participants_workspace_id'))

    op.drop_table('workshop_participants')
    with op.batch_alter_table('workshop_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_decisions_workspace_id'))

    op.drop_table('workshop_decisions')
    with op.batch_alter_table('workshop_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_answers_workspace_id'))

    op.drop_table('workshop_answers')
    with op.batch_alter_table('workshop_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_actions_workspace_id'))

    op.drop_table('workshop_actions')
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshops_workspace_id'))

    op.drop_table('workshops')

