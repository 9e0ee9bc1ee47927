"""search and duplicates: vector generations and change log (approximate index), duplicate
pairs, evidence merges, duplicate scan progress

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-25 23:50:00
"""

from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('vector_generations',
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('model', sa.String(length=64), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_vector_generations_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('workspace_id', 'kind', 'model', name=op.f('pk_vector_generations'))
    )
    op.create_table('vector_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('model', sa.String(length=64), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_vector_changes_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vector_changes'))
    )
    with op.batch_alter_table('vector_changes', schema=None) as batch_op:
        batch_op.create_index('ix_vector_changes_scope', ['workspace_id', 'kind', 'model', 'generation'], unique=False)

    op.create_table('duplicate_pairs',
    sa.Column('first_id', sa.Integer(), nullable=False),
    sa.Column('second_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decided_by', sa.String(length=254), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('first_id < second_id', name=op.f('ck_duplicate_pairs_ordered')),
    sa.ForeignKeyConstraint(['first_id'], ['evidence.id'], name=op.f('fk_duplicate_pairs_first_id_evidence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['second_id'], ['evidence.id'], name=op.f('fk_duplicate_pairs_second_id_evidence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_duplicate_pairs_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duplicate_pairs')),
    sa.UniqueConstraint('first_id', 'second_id', name=op.f('uq_duplicate_pairs_first_id'))
    )
    with op.batch_alter_table('duplicate_pairs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duplicate_pairs_first_id'), ['first_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duplicate_pairs_second_id'), ['second_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duplicate_pairs_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_duplicate_pairs_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('evidence_merges',
    sa.Column('into_id', sa.Integer(), nullable=False),
    sa.Column('merged_id', sa.Integer(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('merged_by', sa.String(length=254), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['into_id'], ['evidence.id'], name=op.f('fk_evidence_merges_into_id_evidence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_evidence_merges_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_merges'))
    )
    with op.batch_alter_table('evidence_merges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_merges_into_id'), ['into_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_merges_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('duplicate_scans',
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('model', sa.String(length=64), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_duplicate_scans_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('workspace_id', 'model', name=op.f('pk_duplicate_scans'))
    )


def downgrade() -> None:
    op.drop_table('duplicate_scans')
    op.drop_table('evidence_merges')
    op.drop_table('duplicate_pairs')
    op.drop_table('vector_changes')
    op.drop_table('vector_generations')
