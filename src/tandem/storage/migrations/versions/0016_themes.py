"""themes: themes with their curation flags, and theme membership

Revision ID: 0016
Revises: 0019
Create Date: 2026-11-26 03:00:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0016'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('themes',
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('label_curated', sa.Boolean(), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('merged', sa.Boolean(), nullable=False),
    sa.Column('opportunity_id', sa.Integer(), nullable=True),
    sa.Column('model', sa.String(length=64), nullable=False),
    sa.Column('centroid', sa.JSON(), nullable=True),
    sa.Column('radius', sa.Float(), nullable=True),
    sa.Column('quote_ids', sa.JSON(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_themes_opportunity_id_opportunities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_themes_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_themes'))
    )
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_themes_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('theme_members',
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=False),
    sa.Column('placed', sa.Boolean(), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence.id'], name=op.f('fk_theme_members_evidence_id_evidence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_theme_members_theme_id_themes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_theme_members_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_members')),
    sa.UniqueConstraint('evidence_id', name=op.f('uq_theme_members_evidence_id'))
    )
    with op.batch_alter_table('theme_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_members_theme_id'), ['theme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_theme_members_workspace_id'), ['workspace_id'], unique=False)


def downgrade() -> None:
    op.drop_table('theme_members')
    op.drop_table('themes')
