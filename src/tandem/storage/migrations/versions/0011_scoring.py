"""scoring: scoring models, importance weights, and the scoring inputs on opportunities

Revision ID: 0011
Revises: 0002
Create Date: 2026-11-25 23:55:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0011'
down_revision = '0002'
branch_labels = None
depends_on = None

INPUTS = (
    ('reach', sa.Integer()), ('impact', sa.String(length=16)), ('confidence', sa.Integer()),
    ('effort', sa.Float()), ('business_value', sa.Integer()),
    ('time_criticality', sa.Integer()), ('risk_reduction', sa.Integer()),
    ('job_size', sa.Integer()),
)


def upgrade() -> None:
    op.create_table('scoring_models',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('formula', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_scoring_models_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_models')),
    sa.UniqueConstraint('workspace_id', 'name', name=op.f('uq_scoring_models_workspace_id'))
    )
    with op.batch_alter_table('scoring_models', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_models_workspace_id'), ['workspace_id'], unique=False)
    op.create_table('importance_weights',
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('critical', sa.Float(), nullable=False),
    sa.Column('important', sa.Float(), nullable=False),
    sa.Column('nice_to_have', sa.Float(), nullable=False),
    sa.Column('not_important', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_importance_weights_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('workspace_id', name=op.f('pk_importance_weights'))
    )
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        for name, kind in INPUTS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        for name, _kind in reversed(INPUTS):
            batch_op.drop_column(name)
    op.drop_table('importance_weights')
    with op.batch_alter_table('scoring_models', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_models_workspace_id'))
    op.drop_table('scoring_models')
