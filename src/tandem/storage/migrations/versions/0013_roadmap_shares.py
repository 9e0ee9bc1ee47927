"""roadmap shares: read-only links to a workspace's roadmap

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26 00:40:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('roadmap_shares',
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_roadmap_shares_created_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_roadmap_shares_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roadmap_shares')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_roadmap_shares_token_hash'))
    )
    with op.batch_alter_table('roadmap_shares', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roadmap_shares_workspace_id'), ['workspace_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('roadmap_shares', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roadmap_shares_workspace_id'))
    op.drop_table('roadmap_shares')
