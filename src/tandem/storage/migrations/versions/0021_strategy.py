"""strategy: product visions, objectives, key results, initiatives

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-26 03:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('objectives',
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('period', sa.String(length=40), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_objectives_product_id_products'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_objectives_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objectives')),
    sa.UniqueConstraint('workspace_id', 'title', name=op.f('uq_objectives_workspace_id'))
    )
    with op.batch_alter_table('objectives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objectives_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('product_visions',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('vision', sa.Text(), nullable=False),
    sa.Column('lifecycle_stage', sa.String(length=16), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_visions_product_id_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_product_visions_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_visions')),
    sa.UniqueConstraint('product_id', name=op.f('uq_product_visions_product_id'))
    )
    with op.batch_alter_table('product_visions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_visions_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('initiatives',
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('objective_id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['objective_id'], ['objectives.id'], name=op.f('fk_initiatives_objective_id_objectives'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_initiatives_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiatives')),
    sa.UniqueConstraint('workspace_id', 'title', name=op.f('uq_initiatives_workspace_id'))
    )
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiatives_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('key_results',
    sa.Column('objective_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('start', sa.Float(), nullable=False),
    sa.Column('target', sa.Float(), nullable=False),
    sa.Column('current', sa.Float(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['objective_id'], ['objectives.id'], name=op.f('fk_key_results_objective_id_objectives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_key_results_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_results'))
    )
    with op.batch_alter_table('key_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_key_results_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('initiative_items',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('opportunity_id', sa.Integer(), nullable=True),
    sa.Column('release_id', sa.Integer(), nullable=True),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_items_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_initiative_items_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['release_id'], ['releases.id'], name=op.f('fk_initiative_items_release_id_releases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], name=op.f('fk_initiative_items_workspace_id_workspaces'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_items')),
    sa.UniqueConstraint('initiative_id', 'opportunity_id', 'release_id', name=op.f('uq_initiative_items_initiative_id'))
    )
    with op.batch_alter_table('initiative_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_items_workspace_id'), ['workspace_id'], unique=False)




def downgrade() -> None:
    with op.batch_alter_table('initiative_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_items_workspace_id'))

    op.drop_table('initiative_items')
    with op.batch_alter_table('key_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_key_results_workspace_id'))

    op.drop_table('key_results')
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiatives_workspace_id'))

    op.drop_table('initiatives')
    with op.batch_alter_table('product_visions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_visions_workspace_id'))

    op.drop_table('product_visions')
    with op.batch_alter_table('objectives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objectives_workspace_id'))

    op.drop_table('objectives')

